using Universe.Runtime.Allocation;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Scheduling;

/// <summary>Keeps <see cref="RuntimeState.Queue"/>: apps with instances left to launch and the allocator's reasons.</summary>
internal static class LaunchQueue
{
    /// <summary>Caller holds the state lock. True when the queue changed in a way clients can see.</summary>
    public static bool Update(RuntimeState state, IReadOnlyDictionary<string, int> pending, AllocationOutcome outcome, DateTimeOffset now)
    {
        var changed = false;
        var placed = outcome.Placements.GroupBy(p => p.ClientId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var unplaced = outcome.Unplaced.ToDictionary(u => u.ClientId, StringComparer.Ordinal);
        foreach (var id in state.Queue.Keys.Where(id => !pending.ContainsKey(id)).ToList())
        {
            state.Queue.Remove(id);
            changed = true;
        }

        foreach (var (appId, count) in pending)
        {
            var left = count - placed.GetValueOrDefault(appId);
            if (left <= 0)
            {
                changed |= state.Queue.Remove(appId);
                continue;
            }

            var previous = state.Queue.GetValueOrDefault(appId);
            var role = state.Apps.TryGetValue(appId, out var app) ? app.Role : "*";
            var entry = previous ?? new QueueEntry(appId, left, role, now, [], 0, 0, null, null);
            if (unplaced.TryGetValue(appId, out var reasons))
            {
                entry = entry with
                {
                    Reasons = reasons.Reasons,
                    ProcessedCount = entry.ProcessedCount + reasons.AgentsConsidered,
                    UnusedCount = entry.UnusedCount + reasons.AgentsConsidered,
                    LastUnusedAt = now,
                };
            }

            if (placed.ContainsKey(appId))
            {
                entry = entry with { LastUsedAt = now };
            }

            entry = entry with { Count = left, Role = role };
            if (previous is null || previous.Count != left || !previous.Reasons.SequenceEqual(entry.Reasons))
            {
                changed = true;
            }

            state.Queue[appId] = entry;
        }

        return changed;
    }
}
