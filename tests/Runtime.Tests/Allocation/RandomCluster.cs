using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Tests.Allocation;

/// <summary>Seeded random clusters for the DRF property tests (reproducible: the seed is in every failure message).</summary>
internal sealed record RandomCluster(IReadOnlyList<AllocationAgent> Agents, IReadOnlyList<AllocationClient> Clients, IReadOnlyDictionary<string, RoleSettings> Roles)
{
    public static readonly AllocationOptions NoMinimum = new() { MinAllocatable = [] };

    public ResourceQuantities Total => Agents.Aggregate(ResourceQuantities.Zero, (sum, a) => sum + a.Total.Total);

    /// <summary>One agent, 2–6 users each in its own role, demands up to a few cpus / GB, unbounded or random pending work.</summary>
    public static RandomCluster SingleAgent(int seed, bool weighted = false, bool unbounded = true)
    {
        var random = new Random(seed);
        var cpus = random.Next(4, 65);
        var mem = random.Next(4, 129) * 1024;
        var agent = new AllocationAgent("agent", "agent", new MesosResources { Unreserved = new ResourceQuantities(cpus, mem) });
        var users = random.Next(2, 7);
        var clients = new List<AllocationClient>();
        var roles = new Dictionary<string, RoleSettings>();
        for (var i = 0; i < users; i++)
        {
            var role = $"user{i}";
            clients.Add(new AllocationClient($"/{role}", role, RandomDemand(random), unbounded ? 100_000 : random.Next(0, 30)));
            if (weighted)
            {
                roles[role] = new RoleSettings { Weight = random.Next(1, 4) };
            }
        }

        return new RandomCluster([agent], clients, roles);
    }

    /// <summary>2–12 agents of different sizes, 2–8 apps in a few (some nested) roles.</summary>
    public static RandomCluster MultiAgent(int seed)
    {
        var random = new Random(seed);
        var agents = new List<AllocationAgent>();
        var agentCount = random.Next(2, 13);
        for (var k = 0; k < agentCount; k++)
        {
            var total = new ResourceQuantities(random.Next(1, 17), random.Next(1, 33) * 512, random.Next(0, 4) * 10_000);
            agents.Add(new AllocationAgent($"agent-{k:00}", $"host-{k:00}", new MesosResources
            {
                Unreserved = total,
                Ports = [new PortRange(31000, 31000 + random.Next(0, 8))],
            }));
        }

        string[] roleChoices = ["*", "a", "b", "a/x", "a/y"];
        var clients = new List<AllocationClient>();
        var apps = random.Next(2, 9);
        for (var i = 0; i < apps; i++)
        {
            clients.Add(new AllocationClient($"/app{i}", roleChoices[random.Next(roleChoices.Length)], RandomDemand(random) with { DiskMb = random.Next(0, 3) * 1000 }, random.Next(0, 40))
            {
                PortsPerTask = random.Next(0, 3),
            });
        }

        return new RandomCluster(agents, clients, new Dictionary<string, RoleSettings>());
    }

    /// <summary>
    /// Everything at once: racks, reservations (also for a parent role), quota guarantees and limits, constraints,
    /// filters, accepted resource roles, required and dynamic ports, running tasks.
    /// </summary>
    public static RandomCluster Rich(int seed)
    {
        var random = new Random(seed);
        string[] roleChoices = ["*", "a", "b", "a/x", "a/y", "c"];
        var agents = new List<AllocationAgent>();
        var agentCount = random.Next(2, 16);
        for (var k = 0; k < agentCount; k++)
        {
            var reserved = new Dictionary<string, ResourceQuantities>();
            if (random.Next(3) == 0)
            {
                reserved[roleChoices[random.Next(1, roleChoices.Length)]] = new ResourceQuantities(random.Next(1, 5), random.Next(1, 9) * 512);
            }

            agents.Add(new AllocationAgent($"agent-{k:00}", $"host-{k:00}", new MesosResources
            {
                Unreserved = new ResourceQuantities(random.Next(0, 17), random.Next(0, 33) * 512, random.Next(0, 3) * 10_000),
                Reserved = reserved,
                Ports = [new PortRange(31000, 31000 + random.Next(0, 6))],
            })
            {
                Attributes = new Dictionary<string, string> { ["rack"] = $"r{random.Next(0, 3)}" },
            });
        }

        var clients = new List<AllocationClient>();
        var budget = agents.Select(a => a.Total.Unreserved).ToArray();
        var apps = random.Next(2, 10);
        for (var i = 0; i < apps; i++)
        {
            var constraints = new List<PlacementConstraint>();
            if (random.Next(3) == 0)
            {
                constraints.Add(random.Next(6) switch
                {
                    0 => PlacementConstraint.Create("hostname", ConstraintOperator.Unique),
                    1 => PlacementConstraint.Create("rack", ConstraintOperator.MaxPer, "2"),
                    2 => PlacementConstraint.Create("rack", ConstraintOperator.GroupBy, random.Next(0, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    3 => PlacementConstraint.Create("rack", ConstraintOperator.Like, "r[01]"),
                    4 => PlacementConstraint.Create("rack", ConstraintOperator.Cluster),
                    _ => PlacementConstraint.Create("rack", ConstraintOperator.Unlike, "r2"),
                });
            }

            var role = roleChoices[random.Next(roleChoices.Length)];
            var running = new List<RunningTask>();
            for (var t = random.Next(0, 3); t > 0; t--)
            {
                var k = random.Next(agents.Count);
                var task = new ResourceQuantities(0.5, 256);
                if (task.FitsIn(budget[k]))
                {
                    budget[k] -= task;
                    running.Add(new RunningTask(agents[k].Id, task));
                }
            }

            clients.Add(new AllocationClient($"/app{i}", role, RandomDemand(random), random.Next(0, 30))
            {
                PortsPerTask = random.Next(0, 2),
                RequiredPorts = random.Next(5) == 0 ? [31000] : [],
                Constraints = constraints,
                RunningTasks = running,
                Suppressed = random.Next(10) == 0,
                Filters = random.Next(4) == 0 ? [new OfferFilter(agents[random.Next(agents.Count)].Id) { Refused = random.Next(2) == 0 ? null : new ResourceQuantities(4, 4096) }] : [],
                AcceptedResourceRoles = random.Next(5) == 0 ? [role] : null,
            });
        }

        var roles = new Dictionary<string, RoleSettings>
        {
            ["a"] = new() { Weight = random.Next(1, 4), Limit = random.Next(2) == 0 ? null : new ResourceQuantities(random.Next(1, 30), double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity) },
            ["b"] = new() { Guarantee = random.Next(2) == 0 ? null : new ResourceQuantities(random.Next(1, 10), random.Next(0, 8) * 512) },
            ["c"] = new() { Guarantee = random.Next(3) == 0 ? new ResourceQuantities(random.Next(1, 6), 0) : null },
        };
        return new RandomCluster(agents, clients, roles);
    }

    public static ResourceQuantities RandomDemand(Random random) =>
        new(random.Next(1, 41) / 10.0, random.Next(1, 65) * 64);

    public AllocationOutcome Allocate(AllocationOptions? options = null) =>
        new DrfAllocator(options ?? NoMinimum).Allocate(new AllocationSnapshot(Agents, Clients) { Roles = Roles });

    /// <summary>How many tasks of <paramref name="demand"/> fit in <paramref name="held"/>.</summary>
    public static int TasksFitting(ResourceQuantities held, ResourceQuantities demand)
    {
        var count = double.PositiveInfinity;
        for (var d = 0; d < ResourceQuantities.Dimensions; d++)
        {
            if (demand[d] > 0)
            {
                count = Math.Min(count, Math.Floor((held[d] + 1e-9) / demand[d]));
            }
        }

        return double.IsPositiveInfinity(count) ? int.MaxValue : (int)count;
    }
}
