using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Tests.Allocation;

/// <summary>
/// The DRF paper's properties (drf.md §10) over seeded random clusters. The paper's proofs assume divisible
/// demands; with indivisible tasks and the work-conserving variant, a user can overshoot its fair point by one of
/// its own tasks and users blocked by a nearly full resource leave crumbs that others with smaller tasks take.
/// A flat "one task" tolerance therefore does not hold (seeds 3, 8 and 44 are counterexamples), so each property
/// allows exactly those discrete effects: one task of every other user, plus one own task.
/// </summary>
public sealed class DrfPropertyTests
{
    private const int Cases = 300;

    [Fact]
    public void Allocate_RandomWeightedCluster_EveryUserGetsItsSharingIncentive()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.SingleAgent(seed, weighted: true, unbounded: seed % 2 == 0);
            var outcome = cluster.Allocate();
            var total = cluster.Total;
            var weightSum = cluster.Clients.Sum(c => Weight(cluster, c));

            foreach (var client in cluster.Clients)
            {
                var othersOneTask = cluster.Clients.Where(c => c != client).Aggregate(ResourceQuantities.Zero, (sum, c) => sum + c.TaskResources);
                var partition = ResourceQuantities.Max(total * (Weight(cluster, client) / weightSum) - othersOneTask, ResourceQuantities.Zero);
                var entitled = Math.Min(client.PendingTasks, RandomCluster.TasksFitting(partition, client.TaskResources));
                Assert.True(outcome.Placed(client.Id) >= entitled - 1, $"seed {seed}: {client.Id} got {outcome.Placed(client.Id)} < {entitled} - 1");
            }
        }
    }

    [Fact]
    public void Allocate_RandomCluster_NoUserEnviesAnother()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.SingleAgent(seed);
            var outcome = cluster.Allocate();

            foreach (var i in cluster.Clients)
            {
                foreach (var j in cluster.Clients)
                {
                    var jHolds = j.TaskResources * Math.Max(0, outcome.Placed(j.Id) - 1);
                    var iWithJs = RandomCluster.TasksFitting(jHolds, i.TaskResources);
                    Assert.True(iWithJs <= outcome.Placed(i.Id) + 1, $"seed {seed}: {i.Id} could run {iWithJs} with {j.Id}'s allocation, has {outcome.Placed(i.Id)}");
                }
            }
        }
    }

    [Fact]
    public void Allocate_RandomMultiAgentCluster_NoPendingTaskFitsInTheLeftovers()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.MultiAgent(seed);
            var outcome = cluster.Allocate();

            foreach (var agent in cluster.Agents)
            {
                var placed = outcome.Placements.Where(p => p.AgentId == agent.Id).ToList();
                var free = placed.Aggregate(agent.Total.Unreserved, (left, p) => left - p.Resources);
                var freePorts = agent.Total.Ports.Sum(r => r.Count) - placed.Sum(p => p.Ports.Count);
                Assert.True(free.Cpus >= -1e-9 && free.MemMb >= -1e-9 && free.DiskMb >= -1e-9 && freePorts >= 0, $"seed {seed}: {agent.Id} overcommitted");
                foreach (var client in cluster.Clients.Where(c => outcome.Placed(c.Id) < c.PendingTasks))
                {
                    var fits = client.TaskResources.FitsIn(free + new ResourceQuantities(1e-9, 1e-9, 1e-9, 1e-9)) && client.PortsPerTask <= freePorts;
                    Assert.False(fits, $"seed {seed}: a task of {client.Id} still fits on {agent.Id}");
                }
            }
        }
    }

    [Fact]
    public void Allocate_RandomCluster_LyingAboutDemandDoesNotPay()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.SingleAgent(seed);
            var random = new Random(seed ^ 0x5eed);
            var liar = cluster.Clients[random.Next(cluster.Clients.Count)];
            var truthful = cluster.Allocate().Placed(liar.Id);
            var inflated = liar.TaskResources with
            {
                Cpus = liar.TaskResources.Cpus * (random.Next(2) == 0 ? 1 + random.NextDouble() * 2 : 1),
                MemMb = liar.TaskResources.MemMb * (random.Next(2) == 0 ? 1 + random.NextDouble() * 2 : 1),
            };
            var lying = cluster with { Clients = [.. cluster.Clients.Select(c => c.Id == liar.Id ? c with { TaskResources = inflated } : c)] };

            var lyingTasks = lying.Allocate().Placed(liar.Id);
            var realTasks = RandomCluster.TasksFitting(inflated * lyingTasks, liar.TaskResources);

            Assert.True(realTasks <= truthful + 1, $"seed {seed}: {liar.Id} runs {realTasks} real tasks by lying, {truthful} truthfully");
        }
    }

    [Fact]
    public void Allocate_UserLeaves_NoRemainingUserLoses()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.SingleAgent(seed, unbounded: seed % 2 == 0);
            var before = cluster.Allocate();
            var leaver = cluster.Clients[seed % cluster.Clients.Count];
            var after = (cluster with { Clients = [.. cluster.Clients.Where(c => c != leaver)] }).Allocate();

            foreach (var client in cluster.Clients.Where(c => c != leaver))
            {
                var slack = OneTaskOfEveryOtherUser(cluster, client) + 1;
                Assert.True(after.Placed(client.Id) >= before.Placed(client.Id) - slack, $"seed {seed}: {client.Id} fell from {before.Placed(client.Id)} to {after.Placed(client.Id)}");
            }
        }
    }

    [Fact]
    public void Allocate_DoubledWeight_NeverLosesTasks()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.SingleAgent(seed, weighted: true);
            var favoured = cluster.Clients[seed % cluster.Clients.Count];
            var roles = new Dictionary<string, RoleSettings>(cluster.Roles) { [favoured.Role] = new() { Weight = Weight(cluster, favoured) * 2 } };

            var before = cluster.Allocate().Placed(favoured.Id);
            var after = (cluster with { Roles = roles }).Allocate().Placed(favoured.Id);

            Assert.True(after >= before - 1, $"seed {seed}: {favoured.Id} fell from {before} to {after}");
        }
    }

    [Fact]
    public void Allocate_RandomQuotaLimits_ConsumptionStaysWithinThem()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.MultiAgent(seed);
            var random = new Random(seed);
            var limits = new Dictionary<string, RoleSettings>
            {
                ["a"] = new() { Limit = new ResourceQuantities(random.Next(0, 20), random.Next(0, 20) * 512, double.PositiveInfinity, double.PositiveInfinity) },
                ["b"] = new() { Limit = new ResourceQuantities(random.Next(0, 20), double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity) },
            };

            var outcome = (cluster with { Roles = limits }).Allocate();

            foreach (var (role, settings) in limits)
            {
                var used = outcome.Placements.Where(p => RoleNames.TopLevel(p.Role) == role).Aggregate(ResourceQuantities.Zero, (sum, p) => sum + p.Resources);
                Assert.True(used.FitsIn(settings.Limit!.Value + new ResourceQuantities(1e-9, 1e-9)), $"seed {seed}: role {role} used {used}, limit {settings.Limit}");
            }
        }
    }

    [Fact]
    public void Allocate_ShuffledInputOrder_GivesTheSameOutcome()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.MultiAgent(seed);
            var random = new Random(seed);
            var shuffled = cluster with
            {
                Agents = [.. cluster.Agents.OrderBy(_ => random.Next())],
                Clients = [.. cluster.Clients.OrderBy(_ => random.Next())],
            };

            var expected = cluster.Allocate();
            var actual = shuffled.Allocate();

            Assert.Equal(
                expected.Placements.Select(p => (p.ClientId, p.AgentId, string.Join(',', p.Ports))),
                actual.Placements.Select(p => (p.ClientId, p.AgentId, string.Join(',', p.Ports))));
        }
    }

    [Fact]
    public void Allocate_RichRandomCluster_SearchShortcutsChangeNothing()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.Rich(seed);

            var fast = cluster.Allocate(AllocationOptions.Default);
            var exhaustive = cluster.Allocate(AllocationOptions.Default with { ExhaustiveSearch = true });

            Assert.Equal(
                exhaustive.Placements.Select(p => (p.ClientId, p.AgentId, string.Join(',', p.Ports))),
                fast.Placements.Select(p => (p.ClientId, p.AgentId, string.Join(',', p.Ports))));
            Assert.Equal(
                exhaustive.Unplaced.Select(u => (u.ClientId, u.UnplacedTasks, string.Join(',', u.Reasons))),
                fast.Unplaced.Select(u => (u.ClientId, u.UnplacedTasks, string.Join(',', u.Reasons))));
        }
    }

    [Fact]
    public void Allocate_RichRandomCluster_NeverOvercommitsAndKeepsConstraintsAndLimits()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var cluster = RandomCluster.Rich(seed);

            var outcome = cluster.Allocate(AllocationOptions.Default);

            foreach (var agent in cluster.Agents)
            {
                var held = cluster.Clients.SelectMany(c => c.RunningTasks).Where(t => t.AgentId == agent.Id).Aggregate(ResourceQuantities.Zero, (s, t) => s + t.Resources)
                    + outcome.Placements.Where(p => p.AgentId == agent.Id).Aggregate(ResourceQuantities.Zero, (s, p) => s + p.Resources);
                var placedHere = outcome.Placements.Where(p => p.AgentId == agent.Id).ToList();
                Assert.True(placedHere.Count == 0 || held.FitsIn(agent.Total.Total + new ResourceQuantities(1e-6, 1e-6, 1e-6, 1e-6)), $"seed {seed}: {agent.Id} overcommitted");
                var ports = placedHere.SelectMany(p => p.Ports).ToList();
                Assert.Equal(ports.Count, ports.Distinct().Count());
            }

            foreach (var client in cluster.Clients.Where(c => c.Constraints.Any(k => k.Operator == ConstraintOperator.Unique)))
            {
                var hosts = client.RunningTasks.Select(t => t.AgentId).Concat(outcome.Placements.Where(p => p.ClientId == client.Id).Select(p => p.AgentId)).ToList();
                Assert.True(outcome.Placed(client.Id) == 0 || hosts.Count == hosts.Distinct().Count() || client.RunningTasks.Count > 1, $"seed {seed}: UNIQUE broken for {client.Id}");
            }

            var limit = cluster.Roles["a"].Limit;
            var aUnreservedCpus = outcome.Placements.Where(p => RoleNames.TopLevel(p.Role) == "a").Sum(p => p.Resources.Cpus - p.FromReservations.Cpus);
            var aReservedCpus = cluster.Agents.SelectMany(g => g.Total.Reserved).Where(r => RoleNames.TopLevel(r.Key) == "a").Sum(r => r.Value.Cpus);
            var aRunningCpus = cluster.Clients.Where(c => RoleNames.TopLevel(c.Role) == "a").SelectMany(c => c.RunningTasks).Sum(t => t.Resources.Cpus);
            Assert.True(limit is null || aUnreservedCpus == 0 || aUnreservedCpus + aReservedCpus <= limit.Value.Cpus + 1e-6 + aRunningCpus, $"seed {seed}: limit of a exceeded");
        }
    }

    /// <summary>How many of <paramref name="client"/>'s tasks one task of every other user amounts to, in the resource where that is most.</summary>
    private static int OneTaskOfEveryOtherUser(RandomCluster cluster, AllocationClient client)
    {
        var others = cluster.Clients.Where(c => c != client).Aggregate(ResourceQuantities.Zero, (sum, c) => sum + c.TaskResources);
        var most = 0;
        for (var d = 0; d < ResourceQuantities.Dimensions; d++)
        {
            if (client.TaskResources[d] > 0)
            {
                most = Math.Max(most, (int)Math.Ceiling(others[d] / client.TaskResources[d]));
            }
        }

        return most;
    }

    private static double Weight(RandomCluster cluster, AllocationClient client) =>
        cluster.Roles.TryGetValue(client.Role, out var settings) ? settings.Weight : 1.0;
}
