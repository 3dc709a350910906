using BenchmarkDotNet.Attributes;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Bench;

/// <summary>
/// In-process search over the upstream Universe (every revision of <c>../shared/universe-upstream</c>, read with
/// the repositories' tree reader). <c>Search</c> is the predicate and ordering over the per-generation index;
/// <c>SearchResponse</c> adds building and serialising the response as <c>package/search</c> does on a cache miss.
/// Run: <c>dotnet run -c Release --project bench/Cosmos.Bench -- --filter '*SearchBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private CatalogIndex _index = null!;

    [Params("kafka", "*sql*", "")]
    public string Query { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var packages = UniverseTreeReader.FindPackagesDirectory(UpstreamRoot())
            ?? throw new InvalidOperationException("universe-upstream has no repo/packages");
        var loaded = UniverseTreeReader.Read(packages);
        _index = new CatalogIndex(new CatalogSnapshot([new RepositoryPackages(0, "upstream", packages, loaded.Packages)], 1));
        Console.WriteLine($"// Loaded {loaded.Packages.Count} revisions ({_index.SearchEntries.Count} packages, {loaded.Errors.Count} errors)");
    }

    [Benchmark]
    public int Search() => PackageSearch.Search(_index, Query).Count;

    [Benchmark]
    public int SearchResponse() =>
        Http.CosmosJson.SerializeToUtf8Bytes(SearchResponses.Build(PackageSearch.Search(_index, Query), "http://localhost:7070")).Length;

    private static string UpstreamRoot()
    {
        var configured = Environment.GetEnvironmentVariable("UNIVERSE_UPSTREAM");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "universe-upstream");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "/work/shared/universe-upstream";
    }
}
