using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>Allocator settings that are configuration rather than per-cycle state.</summary>
internal sealed record AllocationOptions
{
    public static AllocationOptions Default { get; } = new();

    /// <summary>
    /// Mesos <c>--min_allocatable_resources</c> (default <c>cpus:0.01|mem:32</c>): an agent whose free resources contain
    /// none of these alternatives is not considered. Empty = no minimum.
    /// </summary>
    public IReadOnlyList<ResourceQuantities> MinAllocatable { get; init; } = [new(0.01, 0), new(0, 32)];

    /// <summary>Mesos <c>--fair_sharing_excluded_resource_names</c>: dimensions left out of the dominant share (e.g. <c>gpus</c>).</summary>
    public IReadOnlyList<string> FairnessExcludedResources { get; init; } = [];

    /// <summary>Keep GPU agents for GPU tasks (Marathon's <c>DeclinedScarceResources</c>): a task without GPUs does not go to an agent with GPUs.</summary>
    public bool DeclineScarceResources { get; init; }

    /// <summary>Compute <see cref="AllocationOutcome.Unplaced"/> reasons (one pass over the agents per distinct unplaced client shape).</summary>
    public bool ExplainUnplaced { get; init; } = true;

    /// <summary>Tests only: search every agent from the start for every task (no shared cursors, no skip list).</summary>
    internal bool ExhaustiveSearch { get; init; }
}
