using BenchmarkDotNet.Attributes;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Bench;

/// <summary>
/// Reads the whole upstream universe tree (1,235 revisions) into packages, and the same as a repo index. Needs
/// <c>../shared/universe-upstream</c> (or <c>UNIVERSE_UPSTREAM</c>). Run:
/// <c>dotnet run -c Release --project bench/Cosmos.Bench --artifacts-path /tmp/art-repos-rel -- --filter '*LoadUpstreamTree*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LoadUpstreamTree
{
    private string _packages = string.Empty;
    private byte[] _index = [];
    private byte[] _gzipIndex = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("UNIVERSE_UPSTREAM") ?? FindUpstream()
            ?? throw new InvalidOperationException("../shared/universe-upstream not found; set UNIVERSE_UPSTREAM");
        _packages = Path.Combine(root, "repo", "packages");
        var packages = UniverseTreeReader.Read(_packages).Packages;
        _index = RepoIndexWriter.ToBytesAsync(packages).GetAwaiter().GetResult();
        _gzipIndex = RepoIndexWriter.ToBytesAsync(packages, gzip: true).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int ReadTree() => UniverseTreeReader.Read(_packages).Packages.Count;

    [Benchmark]
    public async Task<int> ReadRepoIndex()
    {
        using var stream = new MemoryStream(_index, writable: false);
        return (await RepoIndexReader.ReadAsync(stream)).Packages.Count;
    }

    [Benchmark]
    public async Task<int> ReadGzipRepoIndex()
    {
        using var stream = new MemoryStream(_gzipIndex, writable: false);
        return (await RepoIndexReader.ReadAsync(stream)).Packages.Count;
    }

    private static string? FindUpstream()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "universe-upstream");
            if (Directory.Exists(Path.Combine(candidate, "repo", "packages")))
            {
                return candidate;
            }
        }

        return null;
    }
}
