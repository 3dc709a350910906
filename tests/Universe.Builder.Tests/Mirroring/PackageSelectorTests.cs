using Universe.Builder.Mirroring;
using Universe.Cosmos.Packages;
using static Universe.Builder.Tests.Mirroring.TestPackages;

namespace Universe.Builder.Tests.Mirroring;

public sealed class PackageSelectorTests
{
    private static readonly PackageDefinition[] Corpus =
    [
        Package("kafka", "1.0", 1, "1.9", selected: true),
        Package("kafka", "2.0", 2, "1.10", selected: true),
        Package("kafka", "3.0", 3, "1.12", selected: true),
        Package("spark", "1.0", 10, "1.8"),
        Package("spark", "2.0", 20, "2.0"),
        Package("dse", "1.0", 1, "999", selected: true),
        Package("old", "0.1", 0, null, selected: true),
    ];

    [Fact]
    public void Select_SelectedForOldDcos_FallsBackToNewestFittingRevision()
    {
        var result = PackageSelector.Select(Corpus, new MirrorSelection([], true, ["1.10"], false));

        Assert.Equal(["kafka@2.0", "old@0.1"], result.Revisions.Select(p => p.Coordinate.ToString()));
        var fallback = Assert.Single(result.Fallbacks);
        Assert.Equal(("kafka", "1.10", 2L, 3L), (fallback.Name, fallback.DcosVersion, fallback.ReleaseVersion, fallback.NewestReleaseVersion));
        Assert.Equal("dse", Assert.Single(result.Skipped).Name);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Select_SeveralDcosVersions_UnionOfEachVersionsChoice()
    {
        var result = PackageSelector.Select(Corpus, new MirrorSelection([], false, ["1.10", "2.0"], true));

        Assert.Equal(["kafka@2.0", "kafka@3.0", "old@0.1", "spark@1.0", "spark@2.0"], result.Revisions.Select(p => p.Coordinate.ToString()));
    }

    [Fact]
    public void Select_IncludeUnknownVersion_IsAnErrorNamingIt()
    {
        var result = PackageSelector.Select(Corpus, new MirrorSelection([PackageSpec.Parse("kafka:9.9"), PackageSpec.Parse("nope")], false, [], false));

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("kafka:9.9", result.Errors[0], StringComparison.Ordinal);
        Assert.Contains("[nope]", result.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Select_IncludeVersionTooNewForDcos_IsAnErrorWithTheNeededVersion()
    {
        var result = PackageSelector.Select(Corpus, new MirrorSelection([PackageSpec.Parse("kafka:3.0")], false, ["1.10"], false));

        Assert.Empty(result.Revisions);
        Assert.Contains("1.12", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Select_IncludeNameAndSelected_Union()
    {
        var result = PackageSelector.Select(Corpus, new MirrorSelection([PackageSpec.Parse("spark:1.0")], true, ["2.0"], false));

        Assert.Equal(["kafka@3.0", "old@0.1", "spark@1.0"], result.Revisions.Select(p => p.Coordinate.ToString()));
    }

    [Fact]
    public void Select_NothingGiven_EveryRevision()
    {
        var result = PackageSelector.Select(Corpus, MirrorSelection.Everything);

        Assert.Equal(Corpus.Length, result.Revisions.Count);
    }

    [Theory]
    [InlineData("a:", false)]
    [InlineData(":1", false)]
    [InlineData("", false)]
    [InlineData("kafka", true)]
    [InlineData("kafka:2.5.0-2.1.0", true)]
    public void PackageSpec_TryParse_AcceptsNameOrNameVersion(string text, bool ok)
    {
        Assert.Equal(ok, PackageSpec.TryParse(text, out _));
    }
}
