using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Services;

namespace Universe.Cosmos.Tests.Services;

public sealed class VersionTransitionsTests
{
    private static readonly PackageDefinition V042 = Package("0.4.2", upgradesFrom: ["*"], downgradesTo: ["*"]);
    private static readonly PackageDefinition V041 = Package("0.4.1", upgradesFrom: ["0.4.0"], downgradesTo: ["0.4.0"]);
    private static readonly PackageDefinition V040 = Package("0.4.0", upgradesFrom: [], downgradesTo: []);
    private static readonly PackageDefinition V010 = Package("0.1.0", packagingVersion: "2.0");
    private static readonly PackageDefinition[] All = [V042, V041, V040, V010];

    [Fact]
    public void DowngradesTo_StarOnNewest_ListsEveryVersionIncludingItself() =>
        Assert.Equal(["0.4.2", "0.4.1", "0.4.0", "0.1.0"], VersionTransitions.DowngradesTo(V042, All));

    [Fact]
    public void UpgradesTo_FromOldest_OnlyStarAccepts() =>
        Assert.Equal(["0.4.2"], VersionTransitions.UpgradesTo("0.1.0", All));

    [Fact]
    public void UpgradesTo_From040_StarAndExactMatch() =>
        Assert.Equal(["0.4.2", "0.4.1"], VersionTransitions.UpgradesTo("0.4.0", All));

    [Theory]
    [InlineData("0.4.0", "0.4.1", true)]
    [InlineData("0.4.1", "0.4.0", true)]
    [InlineData("0.1.0", "0.4.1", false)]
    [InlineData("0.4.0", "0.1.0", false)]
    [InlineData("0.4.0", "0.4.0", true)]
    public void IsAllowed_Transition_FollowsUpgradesFromAndDowngradesTo(string from, string to, bool expected)
    {
        var installed = All.Single(p => p.Version == from);
        var target = All.Single(p => p.Version == to);

        Assert.Equal(expected, VersionTransitions.IsAllowed(from, installed, target));
    }

    private static PackageDefinition Package(string version, string[]? upgradesFrom = null, string[]? downgradesTo = null, string packagingVersion = "4.0")
    {
        var json = new JsonObject
        {
            ["packagingVersion"] = packagingVersion, ["name"] = "helloworld", ["version"] = version,
            ["maintainer"] = "m", ["description"] = "d", ["tags"] = new JsonArray(),
        };
        if (upgradesFrom is not null)
        {
            json["upgradesFrom"] = new JsonArray([.. upgradesFrom.Select(v => (JsonNode)v)]);
        }

        if (downgradesTo is not null)
        {
            json["downgradesTo"] = new JsonArray([.. downgradesTo.Select(v => (JsonNode)v)]);
        }

        return new PackageDefinition(json);
    }
}
