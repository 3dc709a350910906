namespace Universe.Runtime.Allocation;

/// <summary>The result of one cycle.</summary>
/// <param name="Placements">Tasks to launch, in the order DRF chose them.</param>
/// <param name="Unplaced">Clients with pending tasks left, ordered by client id.</param>
internal sealed record AllocationOutcome(IReadOnlyList<TaskPlacement> Placements, IReadOnlyList<UnplacedClient> Unplaced);
