using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Tests.Allocation;

/// <summary>Small helpers to write allocator snapshots tersely.</summary>
internal static class AllocationBuilder
{
    public static AllocationAgent Agent(string id, string resources, params (string Key, string Value)[] attributes) =>
        new(id, id, MesosResources.Parse(resources))
        {
            Attributes = attributes.ToDictionary(a => a.Key, a => a.Value),
        };

    public static AllocationClient App(string id, string role, double cpus, double mem, int pending) =>
        new(id, role, new ResourceQuantities(cpus, mem), pending);

    public static AllocationOutcome Allocate(IReadOnlyList<AllocationAgent> agents, IReadOnlyList<AllocationClient> clients, IReadOnlyDictionary<string, RoleSettings>? roles = null, AllocationOptions? options = null) =>
        new DrfAllocator(options).Allocate(new AllocationSnapshot(agents, clients) { Roles = roles ?? new Dictionary<string, RoleSettings>() });

    public static int Placed(this AllocationOutcome outcome, string clientId) =>
        outcome.Placements.Count(p => p.ClientId == clientId);

    public static UnplacedClient? UnplacedOf(this AllocationOutcome outcome, string clientId) =>
        outcome.Unplaced.SingleOrDefault(u => u.ClientId == clientId);

    /// <summary>The snapshot after launching the outcome's placements: they become running tasks, pending shrinks.</summary>
    public static AllocationSnapshot Apply(this AllocationSnapshot snapshot, AllocationOutcome outcome) =>
        snapshot with
        {
            Clients =
            [
                .. snapshot.Clients.Select(c =>
                {
                    var mine = outcome.Placements.Where(p => p.ClientId == c.Id).ToList();
                    return c with
                    {
                        PendingTasks = c.PendingTasks - mine.Count,
                        RunningTasks = [.. c.RunningTasks, .. mine.Select(p => new RunningTask(p.AgentId, p.Resources) { Ports = p.Ports })],
                    };
                }),
            ],
        };
}
