using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;
using static Universe.Runtime.Tests.Allocation.AllocationBuilder;

namespace Universe.Runtime.Tests.Allocation;

public sealed class ConstraintTests
{
    private static readonly AllocationAgent[] Racks =
    [
        Agent("h1", "cpus:8;mem:8192", ("rack", "r1"), ("zone", "a")),
        Agent("h2", "cpus:8;mem:8192", ("rack", "r1"), ("zone", "b")),
        Agent("h3", "cpus:8;mem:8192", ("rack", "r2"), ("zone", "a")),
        Agent("h4", "cpus:8;mem:8192", ("rack", "r3")),
    ];

    private static AllocationClient With(string field, ConstraintOperator op, string? value, int pending, params RunningTask[] running) =>
        App("/c", "*", 1, 128, pending) with
        {
            Constraints = [PlacementConstraint.Create(field, op, value)],
            RunningTasks = running,
        };

    private static RunningTask RunningOn(string agent) => new(agent, new ResourceQuantities(1, 128));

    [Fact]
    public void Unique_Hostname_OneTaskPerAgent()
    {
        var outcome = Allocate(Racks, [With("hostname", ConstraintOperator.Unique, null, 6)]);

        Assert.Equal(["h1", "h2", "h3", "h4"], outcome.Placements.Select(p => p.AgentId));
        Assert.Equal([new ReasonCount(UnplacedReason.UnfulfilledConstraint, 4, 4)], outcome.UnplacedOf("/c")!.Reasons);
    }

    [Fact]
    public void Unique_Attribute_CountsRunningTasks()
    {
        var outcome = Allocate(Racks, [With("rack", ConstraintOperator.Unique, null, 5, RunningOn("h1"))]);

        Assert.Equal(["h3", "h4"], outcome.Placements.Select(p => p.AgentId));
    }

    [Fact]
    public void Cluster_WithValue_OnlyMatchingAgents()
    {
        var outcome = Allocate(Racks, [With("rack", ConstraintOperator.Cluster, "r1", 3)]);

        Assert.All(outcome.Placements, p => Assert.True(p.AgentId is "h1" or "h2"));
        Assert.Equal(3, outcome.Placements.Count);
    }

    [Fact]
    public void Cluster_WithoutValue_FollowsTheFirstTask()
    {
        var outcome = Allocate(Racks, [With("zone", ConstraintOperator.Cluster, null, 3, RunningOn("h2"))]);

        Assert.All(outcome.Placements, p => Assert.Equal("h2", p.AgentId));
    }

    [Fact]
    public void GroupBy_SpreadsEvenlyOverValues()
    {
        var outcome = Allocate(Racks, [With("rack", ConstraintOperator.GroupBy, "3", 6)]);

        var perRack = outcome.Placements.GroupBy(p => Racks.Single(a => a.Id == p.AgentId).Attributes["rack"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["r1"] = 2, ["r2"] = 2, ["r3"] = 2 }, perRack);
    }

    [Fact]
    public void GroupBy_ExistingImbalance_FillsTheSmallestGroupFirst()
    {
        var outcome = Allocate(Racks, [With("rack", ConstraintOperator.GroupBy, null, 2, RunningOn("h1"), RunningOn("h2"), RunningOn("h3"), RunningOn("h4"))]);

        Assert.Equal(["h3", "h4"], outcome.Placements.Select(p => p.AgentId));
    }

    [Fact]
    public void Like_RegexOnAttribute_MatchesWholeValue()
    {
        var outcome = Allocate(Racks, [With("rack", ConstraintOperator.Like, "r[23]", 20)]);

        Assert.All(outcome.Placements, p => Assert.True(p.AgentId is "h3" or "h4"));
        Assert.Equal(16, outcome.Placements.Count);
    }

    [Fact]
    public void Like_MissingAttribute_DoesNotMatch()
    {
        var outcome = Allocate(Racks, [With("zone", ConstraintOperator.Like, ".*", 40)]);

        Assert.DoesNotContain(outcome.Placements, p => p.AgentId == "h4");
    }

    [Fact]
    public void Unlike_MissingAttributeQualifies()
    {
        var outcome = Allocate(Racks, [With("zone", ConstraintOperator.Unlike, "a", 40)]);

        Assert.Equal(["h2", "h4"], outcome.Placements.Select(p => p.AgentId).Distinct());
    }

    [Fact]
    public void MaxPer_LimitsTasksPerValue()
    {
        var outcome = Allocate(Racks, [With("rack", ConstraintOperator.MaxPer, "2", 10)]);

        Assert.Equal(6, outcome.Placements.Count);
        Assert.Equal(["h1", "h1", "h3", "h3", "h4", "h4"], outcome.Placements.Select(p => p.AgentId));
    }

    [Fact]
    public void Is_ExactValue_OnlyThatAgent()
    {
        var outcome = Allocate(Racks, [With("hostname", ConstraintOperator.Is, "h3", 2)]);

        Assert.All(outcome.Placements, p => Assert.Equal("h3", p.AgentId));
    }

    [Theory]
    [InlineData(new[] { "hostname", "UNIQUE" }, true)]
    [InlineData(new[] { "rack", "group_by", "3" }, true)]
    [InlineData(new[] { "rack", "GROUP_BY" }, true)]
    [InlineData(new[] { "rack", "LIKE", "r[0-9]+" }, true)]
    [InlineData(new[] { "rack", "MAX_PER", "2" }, true)]
    [InlineData(new[] { "rack", "IS", "r1" }, true)]
    [InlineData(new[] { "rack", "LIKE", "r[" }, false)]
    [InlineData(new[] { "rack", "LIKE" }, false)]
    [InlineData(new[] { "rack", "MAX_PER", "x" }, false)]
    [InlineData(new[] { "rack", "MAX_PER", "0" }, false)]
    [InlineData(new[] { "rack", "GROUP_BY", "x" }, false)]
    [InlineData(new[] { "rack", "NEAR" }, false)]
    [InlineData(new[] { "rack" }, false)]
    [InlineData(new[] { "", "UNIQUE" }, false)]
    public void TryParse_MarathonArrayForm_ValidatesOperatorAndValue(string[] parts, bool valid)
    {
        var ok = PlacementConstraint.TryParse(parts, out var constraint, out var error);

        Assert.Equal(valid, ok);
        Assert.Equal(valid, constraint is not null);
        Assert.Equal(valid, error is null);
    }

    [Fact]
    public void Explain_ConstraintAndResources_CountsFirstFailingCheckPerAgent()
    {
        var small = Agent("h0", "cpus:0.5;mem:8192", ("rack", "r1"));

        var outcome = Allocate([.. Racks, small], [With("rack", ConstraintOperator.Like, "r1", 100)]);

        Assert.Equal(
            [new ReasonCount(UnplacedReason.UnfulfilledConstraint, 2, 5), new ReasonCount(UnplacedReason.InsufficientCpus, 3, 3)],
            outcome.UnplacedOf("/c")!.Reasons);
    }
}
