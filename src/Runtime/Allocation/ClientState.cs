using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>The per-cycle working state of one client.</summary>
internal sealed class ClientState(AllocationClient spec, int index)
{
    public AllocationClient Spec { get; } = spec;

    public int Index { get; } = index;

    /// <summary>The client's leaf in the <see cref="DrfTree"/>.</summary>
    public int Node { get; set; }

    /// <summary>The quota slot of its top-level role.</summary>
    public int Top { get; set; }

    public double[] Task { get; } = [spec.TaskResources.Cpus, spec.TaskResources.MemMb, spec.TaskResources.DiskMb, spec.TaskResources.Gpus];

    public int Pending { get; set; } = spec.PendingTasks;

    /// <summary>Where the next search starts; shared by clients of the same shape.</summary>
    public AgentCursor Cursor { get; set; } = new();

    public bool AcceptsUnreserved { get; set; } = true;

    /// <summary>Per reservation role id: may this client use it (own role or an ancestor, and accepted).</summary>
    public bool[] UsableReservation { get; set; } = [];

    /// <summary>Some reservation in the cluster is usable by this client (else its role matters only for quota).</summary>
    public bool UsesReservations { get; set; }

    public ConstraintState[] Constraints { get; set; } = [];

    /// <summary>Active filters by agent position; the value is what was refused (null = everything).</summary>
    public Dictionary<int, ResourceQuantities?>? Filters { get; set; }

    public bool HasGpuTask => Spec.TaskResources.Gpus > 0;
}
