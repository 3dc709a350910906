using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Universe.Cli.Tests.TestSupport;
using Universe.Cli.Wire;

namespace Universe.Cli.Tests.Golden;

/// <summary>Every golden wire file reads into the CLI's own record and writes back without losing anything.</summary>
public sealed class GoldenWireTests
{
    public static TheoryData<string> Files => new(System.IO.Directory.GetFiles(GoldenFiles.Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Deserialize_GoldenFile_RoundTripsWithoutLoss(string file)
    {
        var text = GoldenFiles.Read(file);
        var type = TypeFor(file);

        var value = JsonSerializer.Deserialize(text, type);
        var written = JsonSerializer.SerializeToNode(value, type);

        Assert.NotNull(value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), written), $"{file} changed on a round trip: {written?.ToJsonString()}");
    }

    [Fact]
    public void Files_EveryEndpointOfTheCli_HasARequestAndAResponse()
    {
        var names = System.IO.Directory.GetFiles(GoldenFiles.Directory, "*.json").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        string[] kinds =
        [
            "package.search", "package.describe", "package.list-versions", "package.render", "package.install",
            "package.uninstall", "package.list", "package.repository.add", "package.repository.delete",
            "package.repository.list", "service.update", "service.history", "service.diff", "service.rollback",
        ];

        Assert.All(kinds, kind =>
        {
            Assert.Contains(kind + "-request", names);
            Assert.Contains(kind + "-response", names);
        });
    }

    [Fact]
    public void SchemaMismatch_GoldenErrors_HaveTheFieldsTheCliPrints()
    {
        var error = JsonSerializer.Deserialize(GoldenFiles.Read("error.json-schema-mismatch.json"), CliJsonContext.Default.CosmosErrorResponse)!;

        var errors = error.Data!["errors"]!.AsArray();

        Assert.Equal("JsonSchemaMismatch", error.Type);
        Assert.All(errors, e =>
        {
            Assert.NotNull(e!["message"]);
            Assert.NotNull(e["keyword"]);
            Assert.NotNull(e["instance"]!["pointer"]);
            Assert.NotNull(e["schema"]!["pointer"]);
        });
    }

    private static JsonTypeInfo TypeFor(string file) => file switch
    {
        "package.search-request.json" => CliJsonContext.Default.SearchRequest,
        "package.search-response.json" => CliJsonContext.Default.SearchResponse,
        "package.describe-request.json" => CliJsonContext.Default.DescribeRequest,
        "package.describe-response.json" => CliJsonContext.Default.DescribeResponse,
        "package.list-versions-request.json" => CliJsonContext.Default.ListVersionsRequest,
        "package.list-versions-response.json" => CliJsonContext.Default.ListVersionsResponse,
        "package.render-request.json" => CliJsonContext.Default.RenderRequest,
        "package.render-response.json" => CliJsonContext.Default.RenderResponse,
        "package.install-request.json" => CliJsonContext.Default.InstallRequest,
        "package.install-response.json" => CliJsonContext.Default.InstallResponse,
        "package.uninstall-request.json" => CliJsonContext.Default.UninstallRequest,
        "package.uninstall-response.json" => CliJsonContext.Default.UninstallResponse,
        "package.list-request.json" => CliJsonContext.Default.ListRequest,
        "package.list-response.json" => CliJsonContext.Default.ListResponse,
        "package.repository.add-request.json" => CliJsonContext.Default.RepositoryAddRequest,
        "package.repository.delete-request.json" => CliJsonContext.Default.RepositoryDeleteRequest,
        "package.repository.list-request.json" => CliJsonContext.Default.RepositoryListRequest,
        "package.repository.add-response.json" or "package.repository.delete-response.json" or "package.repository.list-response.json"
            => CliJsonContext.Default.RepositoryListResponse,
        "service.update-request.json" or "service.update-rollback-on-failure-request.json" => CliJsonContext.Default.ServiceUpdateRequest,
        "service.history-request.json" => CliJsonContext.Default.ServiceHistoryRequest,
        "service.history-response.json" => CliJsonContext.Default.ServiceHistoryResponse,
        "service.diff-request.json" => CliJsonContext.Default.ServiceDiffRequest,
        "service.diff-response.json" => CliJsonContext.Default.ServiceDiffResponse,
        "service.rollback-request.json" => CliJsonContext.Default.ServiceRollbackRequest,
        "service.rollback-response.json" => CliJsonContext.Default.ServiceRollbackResponse,
        "service.update-response.json" => CliJsonContext.Default.ServiceUpdateResponse,
        _ when file.StartsWith("error.", StringComparison.Ordinal) => CliJsonContext.Default.CosmosErrorResponse,
        _ => throw new InvalidOperationException($"no wire record for golden file {file}"),
    };
}
