using Universe.Runtime.Allocation;

namespace Universe.Runtime.Metrics;

/// <summary>Times every allocation cycle of the allocator it wraps (<c>marathon.allocator.allocation-run</c>).</summary>
internal sealed class MeteredAllocator(IAllocator inner, RuntimeMetrics metrics) : IAllocator
{
    public AllocationOutcome Allocate(AllocationSnapshot snapshot) => metrics.MeasureAllocation(() => inner.Allocate(snapshot));
}
