using Universe.Builder.Mirroring;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>The plan over the real public Universe tree compared with the upstream tool's counts (universe-format.md §5.4).</summary>
public sealed class UpstreamPlanTests
{
    private static readonly Lazy<PackageLoadResult> Upstream = new(() => UniverseTreeReader.Read(UpstreamUniverse.PackagesPath));

    [UpstreamFact]
    public void Plan_SelectedDcos20_MatchesUpstreamCountsPlusScreenshots()
    {
        var upstream = Upstream.Value;

        var plan = MirrorPlan.Create(PackageSelector.Select(upstream.Packages, new MirrorSelection([], true, ["2.0"], false)));

        Assert.Equal(28, plan.Packages.Count);
        Assert.Equal(193, plan.Resources.Count(r => r.Kind != ArtifactKind.Screenshot));
        Assert.Equal(55, plan.Images.Count);
        Assert.Equal("dse", Assert.Single(plan.Selection.Skipped).Name);
    }

    [UpstreamFact]
    public void Plan_SelectedDcos110_FallbackKeepsWhatUpstreamDrops()
    {
        var upstream = Upstream.Value;

        var plan = MirrorPlan.Create(PackageSelector.Select(upstream.Packages, new MirrorSelection([], true, ["1.10"], false)));

        Assert.Equal(23, plan.Packages.Count);
        Assert.Equal(21, plan.Selection.Fallbacks.Count);
        Assert.Contains(plan.Packages, p => p.Package.Name == "edgelb");
        Assert.All(plan.Packages, p => Assert.True(PackageSelector.Fits(p.Package.MinDcosReleaseVersion, "1.10")));
    }
}
