using BenchmarkDotNet.Attributes;
using Universe.Runtime.Allocation;

namespace Universe.Runtime.Bench;

/// <summary>
/// One full allocation cycle of the DRF allocator. Run:
/// <c>dotnet run -c Release --project bench/Runtime.Bench -- --filter '*Allocator*' --job short</c>.
/// Mesos 1.8 anchors (drf.md §9.2): 1k agents/100 frameworks ≈ 0.05 s, 20k/2k ≈ 3.8 s per cycle.
/// </summary>
[MemoryDiagnoser]
public class AllocatorBenchmarks
{
    private readonly DrfAllocator _allocator = new();
    private AllocationSnapshot _snapshot = null!;

    [Params("2000x200", "20000x2000")]
    public string Size { get; set; } = "2000x200";

    [Params(false, true)]
    public bool RolePerClient { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _snapshot = AllocatorScenarios.DeclineOffers(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), RolePerClient);
    }

    [Benchmark]
    public int DeclineOffersCycle() => _allocator.Allocate(_snapshot).Placements.Count;
}
