using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Rendering;

/// <summary>
/// The upstream corpus against <c>TestData/upstream-render-expectations.json</c>. Regenerate after an intended change
/// with <c>UPDATE_RENDER_EXPECTATIONS=1 dotnet test … --filter UpstreamRenderCorpusTests</c> and review the diff.
/// </summary>
public sealed class UpstreamRenderCorpusTests
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [UpstreamFact]
    public void Render_EveryUpstreamTemplateWithDefaults_MatchesExpectations()
    {
        var actual = UpstreamRenderCorpus.Run();

        var path = ExpectationsPath();
        if (Environment.GetEnvironmentVariable("UPDATE_RENDER_EXPECTATIONS") == "1")
        {
            File.WriteAllText(path, actual.ToJsonString(Pretty) + "\n");
        }

        var expected = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(expected["revisionsWithTemplate"]!.GetValue<int>(), actual["revisionsWithTemplate"]!.GetValue<int>());
        Assert.Equal(Lines(expected["failures"]!), Lines(actual["failures"]!));
        Assert.Equal(expected["renderedObjects"]!.GetValue<int>(), actual["renderedObjects"]!.GetValue<int>());
        Assert.Equal(expected["marathonSchemaValid"]!.GetValue<int>(), actual["marathonSchemaValid"]!.GetValue<int>());
        Assert.Empty(actual["stubbleVisitorMismatches"]!.AsArray());
    }

    private static string[] Lines(JsonNode failures) => [.. failures.AsArray().Select(f => f!.ToJsonString(Pretty).ReplaceLineEndings(" "))];

    private static string ExpectationsPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "TestData", "upstream-render-expectations.json");
}
