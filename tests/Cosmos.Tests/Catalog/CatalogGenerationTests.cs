using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Http;
using static Universe.Cosmos.Tests.Catalog.InMemoryPackageCatalog;

namespace Universe.Cosmos.Tests.Catalog;

public sealed class CatalogGenerationTests
{
    [Fact]
    public async Task Search_CatalogReplacedWithNewGeneration_AnswersFromNewSnapshot()
    {
        var catalog = new InMemoryPackageCatalog([Package("alpha", "1.0", 1)]);
        await using var factory = new CosmosApplicationFactory { Catalog = catalog };
        using var client = factory.CreateClient();
        var before = await SearchAsync(client);

        catalog.Replace([Package("beta", "1.0", 1)], [Package("alpha", "2.0", 2)]);
        var after = await SearchAsync(client);

        Assert.Equal("alpha", before);
        Assert.Equal("alpha,beta", after);
    }

    private static async Task<string> SearchAsync(HttpClient client)
    {
        using var response = await client.SendAsync(RpcRequests.Post(
            "/package/search", "{}", RpcRequests.Vendor("package.search-response", "v1"), RpcRequests.Vendor("package.search-request", "v1")));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return string.Join(",", json["packages"]!.AsArray().Select(p => (string)p!["name"]!));
    }
}
