using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Packages;

public sealed class UpstreamCorpusTests(UpstreamCorpusTests.Corpus corpus) : IClassFixture<UpstreamCorpusTests.Corpus>
{
    [UpstreamFact]
    public void Read_UpstreamTree_LoadsEveryRevision()
    {
        var result = corpus.Result;

        Assert.Empty(result.Errors);
        Assert.Equal(1235, result.Packages.Count);
        Assert.Equal(185, result.Packages.Select(p => p.Name).Distinct().Count());
        var byVersion = result.Packages.GroupBy(p => p.PackagingVersion).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(137, byVersion["2.0"]);
        Assert.Equal(573, byVersion["3.0"]);
        Assert.Equal(495, byVersion["4.0"]);
        Assert.Equal(30, byVersion["5.0"]);
    }

    [UpstreamFact]
    public void Read_UpstreamTree_AssemblesRepoJsonFields()
    {
        var packages = corpus.Result.Packages;

        Assert.Equal(1164, packages.Count(p => p.MarathonTemplate is not null));
        Assert.Equal(1164, packages.Count(p => p.Config is not null));
        Assert.Equal(1235, packages.Count(p => p.Resource is not null));
        Assert.Equal(169, packages.Count(p => p.Command is not null));
        var httpbin = Assert.Single(packages, p => p.Name == "httpbin" && p.ReleaseVersion == 0);
        Assert.StartsWith("{", httpbin.MarathonTemplate!.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("citizenstig/httpbin:latest", httpbin.Resource!["assets"]!["container"]!["docker"]!["httpbin"]!.GetValue<string>());
        Assert.Equal(30, packages.Count(p => p.ManagerPackageName is not null));
    }

    [UpstreamFact]
    public void WriteTree_ThenRead_GivesEqualPackages()
    {
        using var temp = new TempDirectory();

        UniverseTreeWriter.Write(temp.Path, corpus.Result.Packages);
        var again = UniverseTreeReader.Read(temp.Path);

        Assert.Empty(again.Errors);
        AssertSamePackages(corpus.Result.Packages, again.Packages);
    }

    [UpstreamTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteRepoJson_ThenRead_GivesEqualPackages(bool gzip)
    {
        var bytes = await RepoIndexWriter.ToBytesAsync(corpus.Result.Packages, gzip);

        using var stream = new MemoryStream(bytes);
        var again = await RepoIndexReader.ReadAsync(stream);

        Assert.Empty(again.Errors);
        AssertSamePackages(corpus.Result.Packages, again.Packages);
    }

    private static void AssertSamePackages(IReadOnlyList<PackageDefinition> expected, IReadOnlyList<PackageDefinition> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var byKey = actual.ToDictionary(p => (p.Name, p.ReleaseVersion));
        foreach (var package in expected)
        {
            var other = byKey[(package.Name, package.ReleaseVersion)];
            Assert.True(JsonNode.DeepEquals(package.Json, other.Json), $"{package} differs after the round trip");
        }
    }

    /// <summary>The corpus, read once for the class.</summary>
    public sealed class Corpus
    {
        private readonly Lazy<PackageLoadResult> _result = new(() => UniverseTreeReader.Read(UpstreamUniverse.PackagesPath));

        public PackageLoadResult Result => _result.Value;
    }
}
