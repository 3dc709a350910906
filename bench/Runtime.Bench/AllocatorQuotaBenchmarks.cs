using BenchmarkDotNet.Attributes;
using Universe.Runtime.Allocation;

namespace Universe.Runtime.Bench;

/// <summary>Mesos's <c>LargeAndSmallQuota</c> parameters (small, large) = (250, 50) and (2500, 500), one cycle.</summary>
[MemoryDiagnoser]
public class AllocatorQuotaBenchmarks
{
    private readonly DrfAllocator _allocator = new();
    private AllocationSnapshot _snapshot = null!;

    [Params(250, 2500)]
    public int SmallRoles { get; set; }

    [GlobalSetup]
    public void Setup() => _snapshot = AllocatorScenarios.Quota(SmallRoles, SmallRoles / 5);

    [Benchmark]
    public int QuotaCycle() => _allocator.Allocate(_snapshot).Placements.Count;
}
