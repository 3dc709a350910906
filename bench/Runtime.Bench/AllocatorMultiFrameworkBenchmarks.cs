using BenchmarkDotNet.Attributes;
using Universe.Runtime.Allocation;

namespace Universe.Runtime.Bench;

/// <summary>Mesos's <c>MultiFrameworkAllocations</c> profile as one task-granular cycle (19,500 tasks, 554 apps).</summary>
[MemoryDiagnoser]
public class AllocatorMultiFrameworkBenchmarks
{
    private readonly DrfAllocator _allocator = new();
    private AllocationSnapshot _snapshot = null!;

    [GlobalSetup]
    public void Setup() => _snapshot = AllocatorScenarios.MultiFramework();

    [Benchmark]
    public int MultiFrameworkCycle() => _allocator.Allocate(_snapshot).Placements.Count;
}
