using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Services.Wire;
using Universe.Cosmos.Tests.Services;

namespace Universe.Cosmos.Tests.Golden;

/// <summary>
/// The shared golden wire files (<c>tests/Golden</c>, also read by the CLI's tests) from Cosmos's side: every file
/// reads into Cosmos's own request/response record and writes back (nulls dropped, as Cosmos answers) unchanged, and
/// the lifecycle RPCs' live responses use no member the golden files do not show.
/// </summary>
public sealed class GoldenWireTests
{
    private static readonly JsonSerializerOptions ResponseReading = new(CosmosJson.RequestOptions) { RespectRequiredConstructorParameters = false };
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static TheoryData<string> Files => new(System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Deserialize_GoldenFile_CosmosRecordRoundTripsWithoutLoss(string file)
    {
        var text = File.ReadAllText(Path.Combine(Directory, file));
        var type = TypeFor(file);
        var options = file.Contains("-request", StringComparison.Ordinal) ? CosmosJson.RequestOptions : ResponseReading;

        var value = JsonSerializer.Deserialize(text, type, options);
        var written = JsonNode.Parse(CosmosJson.SerializeToUtf8Bytes(value!, type));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), written), $"{file} changed on a round trip through {type.Name}: {written?.ToJsonString()}");
    }

    [Fact]
    public async Task LifecycleResponses_Live_UseOnlyMembersTheGoldenFilesShow()
    {
        await using var host = new ServicesHost();
        await ServiceLifecycleTests.InstallUpdateUpgradeAsync(host);

        var (_, diff) = await host.DiffAsync(new { appId = "/web-server", packageVersion = "1.0.0", options = new { web = new { greeting = "three" } } });
        var (_, rollback) = await host.RollbackAsync(new { appId = "/web-server", revision = 1 });
        var (_, history) = await host.HistoryAsync(new { appId = "/web-server" });
        var (_, notFound) = await host.RollbackAsync(new { appId = "/web-server", revision = 9 });

        AssertShapeWithin("service.diff-response.json", diff!);
        AssertShapeWithin("service.rollback-response.json", rollback!);
        AssertShapeWithin("service.history-response.json", history!);
        AssertShapeWithin("error.revision-not-found.json", notFound!);
    }

    private static void AssertShapeWithin(string golden, JsonNode live)
    {
        var expected = Shape(JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, golden))));
        var actual = Shape(live);
        Assert.True(actual.IsSubsetOf(expected), $"{golden} lacks {string.Join(", ", actual.Except(expected))} (live: {live.ToJsonString()})");
    }

    /// <summary>Member paths with array indices folded to <c>[]</c>; free-form option and value members are not descended into.</summary>
    private static HashSet<string> Shape(JsonNode? node)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Walk(node, string.Empty, paths);
        return paths;
    }

    private static void Walk(JsonNode? node, string path, HashSet<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var child = path + "/" + key;
                    paths.Add(child);
                    if (key is not ("options" or "resolvedOptions" or "old" or "new" or "package"))
                    {
                        Walk(value, child, paths);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, path + "[]", paths);
                }

                break;
        }
    }

    private static Type TypeFor(string file) => file switch
    {
        "package.search-request.json" => typeof(SearchRequest),
        "package.search-response.json" => typeof(SearchResponse),
        "package.describe-request.json" => typeof(DescribeRequest),
        "package.describe-response.json" => typeof(DescribeResponse),
        "package.list-versions-request.json" => typeof(ListVersionsRequest),
        "package.list-versions-response.json" => typeof(ListVersionsResponse),
        "package.render-request.json" => typeof(RenderRequest),
        "package.render-response.json" => typeof(RenderResponse),
        "package.install-request.json" => typeof(InstallRequest),
        "package.install-response.json" => typeof(InstallResponse),
        "package.uninstall-request.json" => typeof(UninstallRequest),
        "package.uninstall-response.json" => typeof(UninstallResponse),
        "package.list-request.json" => typeof(ListRequest),
        "package.list-response.json" => typeof(ListResponse),
        "package.repository.add-request.json" => typeof(RepositoryAddRequest),
        "package.repository.delete-request.json" => typeof(RepositoryDeleteRequest),
        "package.repository.list-request.json" => typeof(RepositoryListRequest),
        "package.repository.add-response.json" or "package.repository.delete-response.json" or "package.repository.list-response.json"
            => typeof(RepositoryListResponse),
        "service.update-request.json" or "service.update-rollback-on-failure-request.json" => typeof(ServiceUpdateRequest),
        "service.update-response.json" => typeof(ServiceUpdateResponse),
        "service.history-request.json" => typeof(ServiceHistoryRequest),
        "service.history-response.json" => typeof(ServiceHistoryResponse),
        "service.diff-request.json" => typeof(ServiceDiffRequest),
        "service.diff-response.json" => typeof(ServiceDiffResponse),
        "service.rollback-request.json" => typeof(ServiceRollbackRequest),
        "service.rollback-response.json" => typeof(ServiceRollbackResponse),
        _ when file.StartsWith("error.", StringComparison.Ordinal) => typeof(ErrorResponse),
        _ => throw new InvalidOperationException($"no Cosmos wire record for golden file {file}: add it to TypeFor"),
    };
}
