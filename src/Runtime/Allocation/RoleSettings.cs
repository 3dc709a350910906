using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>Per-role DRF weight and quota (Mesos <c>/weights</c> and <c>/quota</c>).</summary>
internal sealed record RoleSettings
{
    /// <summary>DRF weight (&gt; 0): the role's dominant share is divided by it. Default 1.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Quota guarantee, top-level roles only: served first; free unreserved headroom is held back for it.</summary>
    public ResourceQuantities? Guarantee { get; init; }

    /// <summary>Quota limit, top-level roles only; use <see cref="MesosResources.ToLimit"/> so unspecified dimensions are unlimited.</summary>
    public ResourceQuantities? Limit { get; init; }
}
