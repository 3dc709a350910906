using Universe.Runtime.Allocation;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Scheduling;

internal sealed partial class Reconciler
{
    /// <summary>Allocation rounds per cycle when placements meet host ports that turned out to be held (each round learns them).</summary>
    private const int PortAttempts = 4;

    /// <summary>
    /// Allocates <paramref name="toAllocate"/>. For the local agent, host ports that other processes or Runtimes hold
    /// leave its pool first, and each placement's ports are claimed machine-wide and bind-tested before it counts;
    /// a refused port is learnt and the allocation runs again. Caller holds the state lock.
    /// </summary>
    private AllocationOutcome AllocateWithFreeHostPorts(RuntimeState current, Dictionary<string, int> toAllocate)
    {
        var local = agents.Agents.FirstOrDefault(a => !a.Simulated);
        if (local is null || local.Total.Ports.Count == 0)
        {
            return toAllocate.Count == 0 ? new AllocationOutcome([], []) : allocator.Allocate(snapshots.Build(current, toAllocate));
        }

        var own = current.Tasks.Values.Where(t => t.IsActive && t.AgentId == local.Id).SelectMany(t => t.Ports).ToHashSet();
        hostPorts.Sync(own);
        if (toAllocate.Count == 0)
        {
            return new AllocationOutcome([], []);
        }

        // Read once per cycle (/proc/net and the portmap rules); a retry adds what the claims just refused, which is what
        // HeldByOthers would now report besides (TryClaim remembers each refused port).
        var held = new SortedSet<int>(hostPorts.HeldByOthers(local.Total.Ports, own));
        for (var attempt = 1; ; attempt++)
        {
            var outcome = allocator.Allocate(snapshots.Build(current, toAllocate, new Dictionary<string, IReadOnlyList<int>> { [local.Id] = [.. held] }));
            var claimed = new List<TaskPlacement>();
            var refused = new List<TaskPlacement>();
            foreach (var placement in outcome.Placements.Where(p => p.AgentId == local.Id && p.Ports.Count > 0))
            {
                if (hostPorts.TryClaim(placement.Ports, out var port))
                {
                    claimed.Add(placement);
                    continue;
                }

                refused.Add(placement);
                if (!own.Contains(port) && local.Total.Ports.Any(r => r.Contains(port)))
                {
                    held.Add(port);
                }
            }

            if (refused.Count == 0)
            {
                ReportPortShortage(local.Id, local.Total.Ports, held.Count, outcome);
                return outcome;
            }

            if (attempt < PortAttempts)
            {
                foreach (var placement in claimed)
                {
                    hostPorts.Release(placement.Ports);
                }

                continue;
            }

            // Still meeting held ports: launch what was claimed, the rest waits for the next cycle.
            signal.Request();
            return outcome with { Placements = [.. outcome.Placements.Except(refused)] };
        }
    }

    private void ReportPortShortage(string agentId, IReadOnlyList<Resources.PortRange> ranges, int heldByOthers, AllocationOutcome outcome)
    {
        var waiting = outcome.Unplaced
            .Where(u => u.Reasons.Any(r => r.Reason == UnplacedReason.InsufficientPorts))
            .Select(u => u.ClientId)
            .ToList();
        hostPorts.ReportExhausted(agentId, ranges, heldByOthers, waiting);
    }
}
