using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;
using static Universe.Runtime.Tests.Allocation.AllocationBuilder;

namespace Universe.Runtime.Tests.Allocation;

public sealed class DrfAllocatorTests
{
    private static readonly AllocationAgent PaperAgent = Agent("agent-1", "cpus:9;mem:18432");

    [Fact]
    public void Allocate_PaperExample_RunsThreeOfAAndTwoOfB()
    {
        var outcome = Allocate([PaperAgent], [App("/a", "a", 1, 4096, 10), App("/b", "b", 3, 1024, 10)]);

        Assert.Equal(3, outcome.Placed("/a"));
        Assert.Equal(2, outcome.Placed("/b"));
        Assert.Equal(["/a", "/b", "/a", "/b", "/a"], outcome.Placements.Select(p => p.ClientId));
    }

    [Fact]
    public void Allocate_PaperExampleBothInDefaultRole_SameResult()
    {
        var outcome = Allocate([PaperAgent], [App("/a", "*", 1, 4096, 10), App("/b", "*", 3, 1024, 10)]);

        Assert.Equal(3, outcome.Placed("/a"));
        Assert.Equal(2, outcome.Placed("/b"));
    }

    [Fact]
    public void Allocate_WeightedPaperExample_IsWorkConserving()
    {
        var roles = new Dictionary<string, RoleSettings> { ["b"] = new() { Weight = 2 } };

        var outcome = Allocate([PaperAgent], [App("/a", "a", 1, 4096, 10), App("/b", "b", 3, 1024, 10)], roles);

        Assert.Equal(["/a", "/b", "/b", "/a", "/a"], outcome.Placements.Select(p => p.ClientId));
        Assert.Equal(3, outcome.Placed("/a"));
        Assert.Equal(2, outcome.Placed("/b"));
    }

    [Fact]
    public void Allocate_PaperExample_ExplainsWhyTheRestWaits()
    {
        var outcome = Allocate([PaperAgent], [App("/a", "a", 1, 4096, 10), App("/b", "b", 3, 1024, 10)]);

        var a = outcome.UnplacedOf("/a")!;
        var b = outcome.UnplacedOf("/b")!;
        Assert.Equal(7, a.UnplacedTasks);
        Assert.Equal(8, b.UnplacedTasks);
        Assert.Equal([new ReasonCount(UnplacedReason.InsufficientCpus, 1, 1)], a.Reasons);
        Assert.Equal([new ReasonCount(UnplacedReason.InsufficientCpus, 1, 1)], b.Reasons);
    }

    [Fact]
    public void Allocate_SplitIntoCycles_GivesTheSameTotals()
    {
        var snapshot = new AllocationSnapshot([PaperAgent], [App("/a", "a", 1, 4096, 2), App("/b", "b", 3, 1024, 1)]);
        var allocator = new DrfAllocator();
        var first = allocator.Allocate(snapshot);
        var grown = snapshot.Apply(first) with
        {
            Clients = [.. snapshot.Apply(first).Clients.Select(c => c with { PendingTasks = c.PendingTasks + 8 })],
        };

        var second = allocator.Allocate(grown);

        Assert.Equal(3, first.Placed("/a") + second.Placed("/a"));
        Assert.Equal(2, first.Placed("/b") + second.Placed("/b"));
        Assert.Empty(allocator.Allocate(grown.Apply(second)).Placements);
    }

    [Fact]
    public void Allocate_SameSnapshotTwice_GivesEqualPlacements()
    {
        var agents = Enumerable.Range(0, 5).Select(i => Agent($"agent-{i}", "cpus:4;mem:4096;ports:[31000-31010]")).ToList();
        var clients = new[] { App("/x", "*", 1, 256, 9) with { PortsPerTask = 2 }, App("/y", "r", 0.5, 1024, 9) };

        var first = Allocate(agents, clients);
        var second = Allocate(agents, clients);

        Assert.Equal(first.Placements, second.Placements, PlacementComparer.Instance);
    }

    [Fact]
    public void Allocate_SeededShuffle_IsReproducible()
    {
        var agents = Enumerable.Range(0, 20).Select(i => Agent($"agent-{i:00}", "cpus:2;mem:2048")).ToList();
        var snapshot = new AllocationSnapshot(agents, [App("/x", "*", 1, 128, 7)]);

        var first = new DrfAllocator(random: new Random(42)).Allocate(snapshot);
        var second = new DrfAllocator(random: new Random(42)).Allocate(snapshot);

        Assert.Equal(first.Placements.Select(p => p.AgentId), second.Placements.Select(p => p.AgentId));
    }

    [Fact]
    public void Allocate_NoRandom_FillsAgentsInOrdinalIdOrder()
    {
        var agents = new[] { Agent("b", "cpus:1;mem:1024"), Agent("a", "cpus:1;mem:1024"), Agent("C", "cpus:1;mem:1024") };

        var outcome = Allocate(agents, [App("/x", "*", 1, 128, 3)]);

        Assert.Equal(["C", "a", "b"], outcome.Placements.Select(p => p.AgentId));
    }

    [Fact]
    public void Allocate_EqualShares_BreaksTiesByAllocationCountThenName()
    {
        var agent = Agent("agent", "cpus:4;mem:4096");
        var clients = new[]
        {
            App("/b", "*", 1, 0, 2),
            App("/a", "*", 1, 0, 2) with { RunningTasks = [new RunningTask("agent", new ResourceQuantities(0, 0))] },
        };

        var outcome = Allocate([agent], clients);

        Assert.Equal(["/b", "/a", "/b", "/a"], outcome.Placements.Select(p => p.ClientId));
    }

    [Fact]
    public void Allocate_RunningTasks_CountTowardShareAndFreeResources()
    {
        var agent = Agent("agent", "cpus:4;mem:4096");
        var a = App("/a", "*", 1, 0, 4) with { RunningTasks = [new RunningTask("agent", new ResourceQuantities(2, 0))] };

        var outcome = Allocate([agent], [a, App("/b", "*", 1, 0, 4)]);

        Assert.Equal(0, outcome.Placed("/a"));
        Assert.Equal(2, outcome.Placed("/b"));
    }

    [Fact]
    public void Allocate_HierarchicalRoles_FairBetweenSubtreesFirst()
    {
        var agent = Agent("agent", "cpus:12;mem:12288");
        var clients = new[]
        {
            App("/eng/web", "eng/web", 1, 0, 100),
            App("/eng/db", "eng/db", 1, 0, 100),
            App("/ops", "ops", 1, 0, 100),
        };

        var outcome = Allocate([agent], clients);

        Assert.Equal(6, outcome.Placed("/ops"));
        Assert.Equal(3, outcome.Placed("/eng/web"));
        Assert.Equal(3, outcome.Placed("/eng/db"));
    }

    [Fact]
    public void Allocate_RoleWithClientsAndSubRoles_SharesLikeSiblings()
    {
        var agent = Agent("agent", "cpus:8;mem:8192");
        var clients = new[] { App("/eng", "eng", 1, 0, 100), App("/eng-web", "eng/web", 1, 0, 100) };

        var outcome = Allocate([agent], clients);

        Assert.Equal(4, outcome.Placed("/eng"));
        Assert.Equal(4, outcome.Placed("/eng-web"));
    }

    [Fact]
    public void Allocate_Ports_TakesLowestFreePortsAndSkipsUsedOnes()
    {
        var agent = Agent("agent", "cpus:8;mem:8192;ports:[31000-31004]");
        var running = App("/x", "*", 1, 0, 2) with
        {
            PortsPerTask = 2,
            RunningTasks = [new RunningTask("agent", new ResourceQuantities(1, 0)) { Ports = [31001] }],
        };

        var outcome = Allocate([agent], [running]);

        Assert.Equal([[31000, 31002], [31003, 31004]], outcome.Placements.Select(p => p.Ports.ToArray()));
    }

    [Fact]
    public void Allocate_NotEnoughPorts_ReportsInsufficientPorts()
    {
        var agent = Agent("agent", "cpus:8;mem:8192;ports:[31000-31002]");

        var outcome = Allocate([agent], [App("/x", "*", 1, 0, 3) with { PortsPerTask = 2 }]);

        Assert.Equal(1, outcome.Placed("/x"));
        Assert.Equal(UnplacedReason.InsufficientPorts, outcome.UnplacedOf("/x")!.Reasons.Single().Reason);
    }

    [Fact]
    public void Allocate_RequiredPorts_UsesThemOnceOnEachAgent()
    {
        var agents = new[] { Agent("a1", "cpus:8;mem:8192;ports:[80-90]"), Agent("a2", "cpus:8;mem:8192;ports:[80-90]") };

        var outcome = Allocate(agents, [App("/web", "*", 1, 0, 3) with { RequiredPorts = [80] }]);

        Assert.Equal(["a1", "a2"], outcome.Placements.Select(p => p.AgentId));
        Assert.All(outcome.Placements, p => Assert.Equal([80], p.Ports));
    }

    [Fact]
    public void Allocate_MinAllocatable_SkipsAgentsWithOnlyCrumbsLeft()
    {
        var agent = Agent("agent", "cpus:1.005;mem:16");

        var outcome = Allocate([agent], [App("/x", "*", 1, 0, 1), App("/y", "*", 0.001, 1, 1)]);

        Assert.Equal(1, outcome.Placed("/x"));
        Assert.Equal(0, outcome.Placed("/y"));
    }

    [Fact]
    public void Allocate_FairnessExcludedGpus_DoNotDominateTheShare()
    {
        var agent = Agent("agent", "cpus:10;mem:10240;gpus:1");
        var gpuApp = App("/gpu", "*", 1, 0, 5) with { TaskResources = new ResourceQuantities(1, 0, 0, 1) };
        var options = new AllocationOptions { FairnessExcludedResources = ["gpus"] };

        var outcome = Allocate([agent], [gpuApp, App("/cpu", "*", 1, 0, 2)], options: options);

        Assert.Equal(["/cpu", "/gpu", "/cpu"], outcome.Placements.Select(p => p.ClientId));
    }

    [Fact]
    public void Allocate_DeclineScarceResources_KeepsGpuAgentsForGpuTasks()
    {
        var agents = new[] { Agent("gpu-agent", "cpus:10;mem:10240;gpus:1") };

        var outcome = Allocate(agents, [App("/cpu", "*", 1, 0, 1)], options: new AllocationOptions { DeclineScarceResources = true });

        Assert.Empty(outcome.Placements);
        Assert.Equal(UnplacedReason.DeclinedScarceResources, outcome.UnplacedOf("/cpu")!.Reasons.Single().Reason);
    }

    [Fact]
    public void Allocate_DuplicateClientIds_Throws()
    {
        Assert.Throws<ArgumentException>(() => Allocate([PaperAgent], [App("/a", "*", 1, 1, 1), App("/a", "*", 1, 1, 1)]));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(1, double.PositiveInfinity)]
    public void Allocate_InvalidTaskResources_Throws(double cpus, double mem)
    {
        Assert.Throws<ArgumentException>(() => Allocate([PaperAgent], [App("/a", "*", cpus, mem, 1)]));
    }

    [Fact]
    public void Allocate_InvalidRole_Throws()
    {
        Assert.Throws<ArgumentException>(() => Allocate([PaperAgent], [App("/a", "a//b", 1, 1, 1)]));
    }

    [Fact]
    public void Allocate_NoAgents_ReportsEveryPendingTaskUnplaced()
    {
        var outcome = Allocate([], [App("/a", "*", 1, 1, 3)]);

        Assert.Empty(outcome.Placements);
        var unplaced = Assert.Single(outcome.Unplaced);
        Assert.Equal(("/a", 3, 0), (unplaced.ClientId, unplaced.UnplacedTasks, unplaced.AgentsConsidered));
        Assert.Empty(unplaced.Reasons);
    }

    private sealed class PlacementComparer : IEqualityComparer<TaskPlacement>
    {
        public static readonly PlacementComparer Instance = new();

        public bool Equals(TaskPlacement? x, TaskPlacement? y) =>
            x is not null && y is not null && x.ClientId == y.ClientId && x.AgentId == y.AgentId && x.Ports.SequenceEqual(y.Ports);

        public int GetHashCode(TaskPlacement obj) => HashCode.Combine(obj.ClientId, obj.AgentId);
    }
}
