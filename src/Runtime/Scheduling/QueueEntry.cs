using Universe.Runtime.Allocation;

namespace Universe.Runtime.Scheduling;

/// <summary>Why an app waits: instances left, and the allocator's reasons counted over the last cycles (<c>/v2/queue</c>).</summary>
internal sealed record QueueEntry(
    string AppId,
    int Count,
    string Role,
    DateTimeOffset Since,
    IReadOnlyList<ReasonCount> Reasons,
    long ProcessedCount,
    long UnusedCount,
    DateTimeOffset? LastUnusedAt,
    DateTimeOffset? LastUsedAt);
