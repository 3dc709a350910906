namespace Universe.Runtime.Allocation;

/// <summary>One allocation cycle's working state.</summary>
internal sealed class AllocationCycle(AllocationSnapshot snapshot, AllocationOptions options, int[]? shuffle)
{
    public AllocationOutcome Run()
    {
        _ = options;
        _ = shuffle;
        return new AllocationOutcome([], [.. snapshot.Clients.Select(c => new UnplacedClient(c.Id, c.Role, c.PendingTasks, 0, []))]);
    }
}
