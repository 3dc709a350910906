using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering;

namespace Universe.Cosmos.Bench;

/// <summary>
/// In-process render of the upstream <c>kafka</c> package (newest revision): defaults, merge, validation, mustache,
/// parse and decoration. Needs <c>../shared/universe-upstream</c> (or <c>UNIVERSE_UPSTREAM</c>). Run:
/// <c>dotnet run -c Release --project bench/Cosmos.Bench -- --filter '*RenderBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class RenderBenchmarks
{
    private readonly PackageRenderer _renderer = new();
    private PackageDefinition _kafka = null!;
    private JsonObject _userOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var kafkaDir = Path.Combine(FindUpstream(), "repo", "packages", "K", "kafka");
        var newest = Directory.EnumerateDirectories(kafkaDir).Select(d => long.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture)).Max();
        _kafka = PackageDecoder.Decode(UniverseTreeReader.ReadFiles(Path.Combine(kafkaDir, newest.ToString(System.Globalization.CultureInfo.InvariantCulture)), newest).ToJson());
        _userOptions = JsonNode.Parse("""{"service":{"name":"kafka-2"},"brokers":{"count":5}}""")!.AsObject();
        _ = _renderer.Render(_kafka, null, null, "https://universe.example.com/repo");
    }

    [Benchmark(Baseline = true)]
    public JsonObject? RenderKafkaDefaults() => _renderer.Render(_kafka, null, null, "https://universe.example.com/repo").MarathonJson;

    [Benchmark]
    public JsonObject? RenderKafkaUserOptions() => _renderer.Render(_kafka, _userOptions, "/kafka-2", "https://universe.example.com/repo").MarathonJson;

    private static string FindUpstream()
    {
        var configured = Environment.GetEnvironmentVariable("UNIVERSE_UPSTREAM");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "universe-upstream");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("../shared/universe-upstream not found; set UNIVERSE_UPSTREAM.");
    }
}
