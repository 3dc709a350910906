using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;
using static Universe.Runtime.Tests.Allocation.AllocationBuilder;

namespace Universe.Runtime.Tests.Allocation;

/// <summary>Cases after Mesos's hierarchical_allocator_tests / sorter_tests, at task granularity.</summary>
public sealed class MesosSemanticsTests
{
    [Fact]
    public void Allocate_WeightedRoles_ShareInProportionToWeight()
    {
        var agent = Agent("agent", "cpus:12;mem:12288");
        var roles = new Dictionary<string, RoleSettings> { ["heavy"] = new() { Weight = 3 } };

        var outcome = Allocate([agent], [App("/h", "heavy", 1, 0, 100), App("/l", "light", 1, 0, 100)], roles);

        Assert.Equal(9, outcome.Placed("/h"));
        Assert.Equal(3, outcome.Placed("/l"));
    }

    [Fact]
    public void Allocate_DoublingWeight_NeverLowersTheRolesTasks()
    {
        var agent = Agent("agent", "cpus:10;mem:10240");
        var clients = new[] { App("/a", "a", 1, 512, 100), App("/b", "b", 2, 256, 100) };
        var doubled = new Dictionary<string, RoleSettings> { ["a"] = new() { Weight = 2 } };

        var plain = Allocate([agent], clients);
        var weighted = Allocate([agent], clients, doubled);

        Assert.True(weighted.Placed("/a") >= plain.Placed("/a"));
    }

    [Fact]
    public void Allocate_NestedRoleWeights_ApplyAmongSiblings()
    {
        var agent = Agent("agent", "cpus:12;mem:12288");
        var roles = new Dictionary<string, RoleSettings> { ["eng/a"] = new() { Weight = 2 } };
        var clients = new[] { App("/a", "eng/a", 1, 0, 100), App("/b", "eng/b", 1, 0, 100), App("/ops", "ops", 1, 0, 100) };

        var outcome = Allocate([agent], clients, roles);

        Assert.Equal(6, outcome.Placed("/ops"));
        Assert.Equal(4, outcome.Placed("/a"));
        Assert.Equal(2, outcome.Placed("/b"));
    }

    [Fact]
    public void Allocate_DeepAndShallowSiblings_ConvergeToEqualShares()
    {
        var agent = Agent("agent", "cpus:12;mem:12288");
        var clients = new[] { App("/deep1", "a/b/c/d", 1, 0, 100), App("/deep2", "a/b/x", 1, 0, 100), App("/flat", "e", 1, 0, 100) };

        var outcome = Allocate([agent], clients);

        Assert.Equal(6, outcome.Placed("/flat"));
        Assert.Equal(3, outcome.Placed("/deep1"));
        Assert.Equal(3, outcome.Placed("/deep2"));
    }

    [Fact]
    public void Allocate_TwoAppsInOneRole_ShareTheRolesPart()
    {
        var agent = Agent("agent", "cpus:12;mem:12288");
        var clients = new[] { App("/x1", "x", 1, 0, 100), App("/x2", "x", 1, 0, 100), App("/y", "y", 1, 0, 100) };

        var outcome = Allocate([agent], clients);

        Assert.Equal(6, outcome.Placed("/y"));
        Assert.Equal(3, outcome.Placed("/x1"));
        Assert.Equal(3, outcome.Placed("/x2"));
    }

    [Fact]
    public void Allocate_StaticReservation_OnlyTheRoleAndItsChildrenUseIt()
    {
        var agent = Agent("agent", "cpus:2;mem:2048;cpus(ads):4;mem(ads):4096");
        var clients = new[] { App("/ads", "ads", 1, 1024, 10), App("/ads-web", "ads/web", 1, 1024, 10), App("/other", "other", 1, 1024, 10) };

        var outcome = Allocate([agent], clients);

        Assert.Equal(2, outcome.Placed("/other"));
        Assert.Equal(4, outcome.Placed("/ads") + outcome.Placed("/ads-web"));
        Assert.All(outcome.Placements.Where(p => p.Role.StartsWith("ads", StringComparison.Ordinal)), p => Assert.Equal(p.Resources, p.FromReservations));
    }

    [Fact]
    public void Allocate_ReservationOfAnotherRoleOnly_ReportsUnfulfilledRole()
    {
        var agent = Agent("agent", "cpus(ads):4;mem(ads):4096");

        var outcome = Allocate([agent], [App("/other", "other", 1, 128, 1)]);

        Assert.Equal(UnplacedReason.UnfulfilledRole, outcome.UnplacedOf("/other")!.Reasons.Single().Reason);
    }

    [Fact]
    public void Allocate_AcceptedResourceRolesOnlyReserved_NeedsAReservation()
    {
        var agents = new[] { Agent("plain", "cpus:4;mem:4096"), Agent("reserved", "cpus:4;mem:4096;cpus(ads):1;mem(ads):1024") };
        var app = App("/ads", "ads", 1, 512, 3) with { AcceptedResourceRoles = ["ads"] };

        var outcome = Allocate(agents, [app]);

        Assert.Equal(1, outcome.Placed("/ads"));
        Assert.Equal("reserved", outcome.Placements.Single().AgentId);
        Assert.Equal(
            [new ReasonCount(UnplacedReason.NoCorrespondingReservationFound, 1, 2), new ReasonCount(UnplacedReason.InsufficientCpus, 1, 1)],
            outcome.UnplacedOf("/ads")!.Reasons);
    }

    [Fact]
    public void Allocate_ReservedButUnallocated_DoesNotRaiseTheRolesShare()
    {
        var agent = Agent("agent", "cpus:4;mem:4096;cpus(a):4;mem(a):4096");

        var outcome = Allocate([agent], [App("/a", "a", 1, 0, 1), App("/b", "b", 1, 0, 1)]);

        Assert.Equal(["/a", "/b"], outcome.Placements.Select(p => p.ClientId));
    }

    [Fact]
    public void Allocate_QuotaLimit_IsNeverExceeded()
    {
        var agent = Agent("agent", "cpus:16;mem:16384");
        var roles = new Dictionary<string, RoleSettings> { ["capped"] = new() { Limit = MesosResources.Parse("cpus:3").ToLimit() } };

        var outcome = Allocate([agent], [App("/c", "capped", 1, 128, 10)], roles);

        Assert.Equal(3, outcome.Placed("/c"));
        Assert.Equal(UnplacedReason.RoleQuotaLimitReached, outcome.UnplacedOf("/c")!.Reasons.Single().Reason);
    }

    [Fact]
    public void Allocate_QuotaLimit_AppliesToTheWholeTopLevelSubtree()
    {
        var agent = Agent("agent", "cpus:16;mem:16384");
        var roles = new Dictionary<string, RoleSettings> { ["eng"] = new() { Limit = new ResourceQuantities(4, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity) } };

        var outcome = Allocate([agent], [App("/web", "eng/web", 1, 0, 10), App("/db", "eng/db", 1, 0, 10)], roles);

        Assert.Equal(4, outcome.Placed("/web") + outcome.Placed("/db"));
    }

    [Fact]
    public void Allocate_QuotaLimit_CountsReservationsAsConsumed()
    {
        var agent = Agent("agent", "cpus:16;mem:16384;cpus(capped):2");
        var roles = new Dictionary<string, RoleSettings> { ["capped"] = new() { Limit = MesosResources.Parse("cpus:4").ToLimit() } };

        var outcome = Allocate([agent], [App("/c", "capped", 1, 128, 10)], roles);

        Assert.Equal(4, outcome.Placed("/c"));
    }

    [Fact]
    public void Allocate_QuotaGuarantee_IsServedBeforeFairShare()
    {
        var agent = Agent("agent", "cpus:10;mem:10240");
        var roles = new Dictionary<string, RoleSettings> { ["guaranteed"] = new() { Guarantee = new ResourceQuantities(6, 0) } };

        var outcome = Allocate([agent], [App("/a", "a", 1, 0, 100), App("/g", "guaranteed", 1, 0, 100)], roles);

        Assert.Equal(6, outcome.Placed("/g"));
        Assert.Equal(4, outcome.Placed("/a"));
        Assert.All(outcome.Placements.Take(6), p => Assert.Equal("/g", p.ClientId));
    }

    [Fact]
    public void Allocate_QuotaGuaranteeWithoutDemand_HoldsHeadroomBack()
    {
        var agent = Agent("agent", "cpus:10;mem:10240");
        var roles = new Dictionary<string, RoleSettings> { ["idle"] = new() { Guarantee = new ResourceQuantities(4, 0) } };

        var outcome = Allocate([agent], [App("/a", "a", 1, 0, 100)], roles);

        Assert.Equal(6, outcome.Placed("/a"));
        Assert.Equal(UnplacedReason.QuotaHeadroomHeldBack, outcome.UnplacedOf("/a")!.Reasons.Single().Reason);
    }

    [Fact]
    public void Allocate_GuaranteesExceedingTheCluster_StillUseAllOfIt()
    {
        var agent = Agent("agent", "cpus:10;mem:10240");
        var roles = new Dictionary<string, RoleSettings>
        {
            ["g1"] = new() { Guarantee = new ResourceQuantities(8, 0) },
            ["g2"] = new() { Guarantee = new ResourceQuantities(8, 0) },
        };

        var outcome = Allocate([agent], [App("/g1", "g1", 1, 0, 100), App("/g2", "g2", 1, 0, 100)], roles);

        Assert.Equal(5, outcome.Placed("/g1"));
        Assert.Equal(5, outcome.Placed("/g2"));
    }

    [Fact]
    public void Allocate_QuotaGuaranteeMetByReservation_HoldsNothingBack()
    {
        var agent = Agent("agent", "cpus:10;mem:10240;cpus(r):4");
        var roles = new Dictionary<string, RoleSettings> { ["r"] = new() { Guarantee = new ResourceQuantities(4, 0) } };

        var outcome = Allocate([agent], [App("/a", "a", 1, 0, 100)], roles);

        Assert.Equal(10, outcome.Placed("/a"));
    }

    [Fact]
    public void Allocate_OfferFilter_SkipsTheAgentWhileItOffersNoMore()
    {
        var agents = new[] { Agent("a1", "cpus:4;mem:4096"), Agent("a2", "cpus:4;mem:4096") };
        var app = App("/x", "*", 1, 128, 8) with { Filters = [new OfferFilter("a1") { Refused = new ResourceQuantities(4, 4096) }] };

        var outcome = Allocate(agents, [app]);

        Assert.All(outcome.Placements, p => Assert.Equal("a2", p.AgentId));
        Assert.Equal(new ReasonCount(UnplacedReason.OfferFiltered, 1, 2), outcome.UnplacedOf("/x")!.Reasons[0]);
    }

    [Fact]
    public void Allocate_OfferFilterForLessThanTheAgentNowHas_NoLongerApplies()
    {
        var agent = Agent("a1", "cpus:4;mem:4096");
        var app = App("/x", "*", 1, 128, 1) with { Filters = [new OfferFilter("a1") { Refused = new ResourceQuantities(2, 4096) }] };

        var outcome = Allocate([agent], [app]);

        Assert.Equal(1, outcome.Placed("/x"));
    }

    [Fact]
    public void Allocate_Suppressed_GetsNothingAndSaysSo()
    {
        var agent = Agent("agent", "cpus:4;mem:4096");
        var app = App("/x", "*", 1, 128, 2) with { Suppressed = true };

        var outcome = Allocate([agent], [app, App("/y", "*", 1, 128, 1)]);

        Assert.Equal(0, outcome.Placed("/x"));
        Assert.Equal(1, outcome.Placed("/y"));
        Assert.Equal([new ReasonCount(UnplacedReason.Suppressed, 1, 1)], outcome.UnplacedOf("/x")!.Reasons);
    }

    [Fact]
    public void Allocate_Revived_ClearsFiltersAndPlacesAgain()
    {
        var agent = Agent("agent", "cpus:4;mem:4096");
        var suppressed = App("/x", "*", 1, 128, 2) with { Suppressed = true, Filters = [new OfferFilter("agent")] };
        var revived = suppressed with { Suppressed = false, Filters = [] };

        var before = Allocate([agent], [suppressed]);
        var after = Allocate([agent], [revived]);

        Assert.Empty(before.Placements);
        Assert.Equal(2, after.Placed("/x"));
    }

    [Fact]
    public void Allocate_UnreservedDrfSequence_EachTaskGoesToTheLowestShareRole()
    {
        var agents = new[]
        {
            Agent("agent1", "cpus:2;mem:1024"), Agent("agent2", "cpus:1;mem:512"), Agent("agent3", "cpus:3;mem:2048"),
        };
        var clients = new[] { App("/f1", "role1", 1, 512, 10), App("/f2", "role2", 1, 512, 10), App("/f3", "role2", 1, 512, 10) };

        var outcome = Allocate(agents, clients);

        Assert.Equal(3, outcome.Placed("/f1"));
        Assert.Equal(3, outcome.Placed("/f2") + outcome.Placed("/f3"));
        Assert.True(Math.Abs(outcome.Placed("/f2") - outcome.Placed("/f3")) <= 1);
    }
}
