namespace Universe.Runtime.Allocation;

/// <summary>
/// The hierarchical DRF allocator (Mesos HierarchicalDRF at task granularity). Thread-safe: it keeps no state
/// between calls. <paramref name="random"/>, when given, shuffles the agent visiting order (as Mesos does);
/// without it agents are visited in ordinal id order.
/// </summary>
internal sealed class DrfAllocator(AllocationOptions? options = null, Random? random = null) : IAllocator
{
    private readonly AllocationOptions _options = options ?? AllocationOptions.Default;
    private readonly Random? _random = random;
    private readonly Lock _randomLock = new();

    public AllocationOutcome Allocate(AllocationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        int[]? shuffle = null;
        if (_random is not null)
        {
            lock (_randomLock)
            {
                shuffle = new int[snapshot.Agents.Count];
                for (var i = 0; i < shuffle.Length; i++)
                {
                    shuffle[i] = i;
                }

                _random.Shuffle(shuffle);
            }
        }

        return new AllocationCycle(snapshot, _options, shuffle).Run();
    }
}
