using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>
/// One client of the allocator: a Marathon app. Its tasks are allocated as <see cref="Role"/>
/// (<c>*</c> when the app has no role).
/// </summary>
/// <param name="Id">App id (unique); the DRF tie-break name within a role.</param>
/// <param name="Role">Mesos role path, <c>*</c> by default.</param>
/// <param name="TaskResources">Resources of one task (cpus, mem, disk, gpus).</param>
/// <param name="PendingTasks">Tasks still to launch.</param>
internal sealed record AllocationClient(string Id, string Role, ResourceQuantities TaskResources, int PendingTasks)
{
    /// <summary>How many dynamic host ports each task needs (taken from the agent's free unreserved port ranges, lowest first).</summary>
    public int PortsPerTask { get; init; }

    /// <summary>Fixed host ports each task needs (Marathon <c>requirePorts</c>); these are in addition to <see cref="PortsPerTask"/>.</summary>
    public IReadOnlyList<int> RequiredPorts { get; init; } = [];

    /// <summary>Marathon placement constraints, evaluated against running tasks plus this cycle's placements.</summary>
    public IReadOnlyList<PlacementConstraint> Constraints { get; init; } = [];

    /// <summary>The app's tasks that hold resources now (running, staging, killing).</summary>
    public IReadOnlyList<RunningTask> RunningTasks { get; init; } = [];

    /// <summary>Suppressed: the client gets nothing this cycle (Mesos SUPPRESS).</summary>
    public bool Suppressed { get; init; }

    /// <summary>Active decline filters (the scheduler drops expired ones; revive = pass none).</summary>
    public IReadOnlyList<OfferFilter> Filters { get; init; } = [];

    /// <summary>
    /// Marathon <c>acceptedResourceRoles</c>: which resource roles the tasks may use (<c>*</c> = unreserved,
    /// a role name = that role's reservations). Null = anything allocatable to <see cref="Role"/>.
    /// </summary>
    public IReadOnlyList<string>? AcceptedResourceRoles { get; init; }
}
