namespace Universe.Runtime.Allocation;

/// <summary>
/// A pure, deterministic, task-granular hierarchical DRF allocator with Mesos semantics (see docs/allocator.md).
/// </summary>
/// <remarks>
/// How the scheduler uses it, once per allocation cycle (Mesos: every 1 s, plus on app/agent changes):
/// <list type="number">
/// <item>Build an <see cref="AllocationSnapshot"/>: every agent (<see cref="AllocationAgent"/>: id, hostname,
/// attributes, total resources incl. static reservations parsed with
/// <see cref="Resources.MesosResources.Parse"/>), every app as one <see cref="AllocationClient"/> (its role, or
/// <c>*</c>; per-task resources; host ports per task; instances still to launch; constraints; where its tasks
/// already run, with the resources and host ports they hold; suppression and active offer filters), and the role
/// settings (weight, quota guarantee, quota limit). Free resources and free ports are derived from the agent totals
/// minus the running tasks (and <see cref="AllocationAgent.Unavailable"/>), so pass every task that holds
/// resources, including staging and killing ones.</item>
/// <item>Call <see cref="Allocate"/>. It reads no clock, does no I/O and uses no ambient randomness: the same
/// snapshot gives the same outcome.</item>
/// <item>Launch each <see cref="TaskPlacement"/> (agent, resources, host ports) and record it as a running task of
/// that app, so the next snapshot includes it. Show <see cref="AllocationOutcome.Unplaced"/> in <c>/v2/queue</c>
/// (<c>processedOffersSummary.rejectSummaryLastOffers</c>: <see cref="ReasonCount"/> has the same fields).</item>
/// </list>
/// Placing tasks that were placed earlier as running tasks and calling again places nothing new for them: one cycle
/// with N pending tasks gives the same result as several cycles that together launch them.
/// </remarks>
internal interface IAllocator
{
    /// <summary>Runs one allocation cycle over <paramref name="snapshot"/>.</summary>
    AllocationOutcome Allocate(AllocationSnapshot snapshot);
}
