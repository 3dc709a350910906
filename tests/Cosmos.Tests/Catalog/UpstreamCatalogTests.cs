using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Http;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Catalog;

public sealed class UpstreamCatalogTests
{
    [UpstreamFact]
    public async Task SearchAndDescribe_UpstreamTreeAsDefaultRepository_ServeItsPackages()
    {
        await using var factory = new CosmosApplicationFactory { DefaultRepositoryUri = UpstreamUniverse.RootPath };
        using var client = factory.CreateClient();

        using var search = await client.SendAsync(RpcRequests.Post(
            "/package/search", """{"query":"kafka"}""", RpcRequests.Vendor("package.search-response", "v1"), RpcRequests.Vendor("package.search-request", "v1")));
        using var describe = await client.SendAsync(RpcRequests.Post(
            "/package/describe", """{"packageName":"kafka"}""", RpcRequests.Vendor("package.describe-response", "v3"), RpcRequests.Vendor("package.describe-request", "v1")));

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var names = JsonNode.Parse(await search.Content.ReadAsStringAsync())!["packages"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("kafka", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, describe.StatusCode);
        Assert.Equal("kafka", (string?)JsonNode.Parse(await describe.Content.ReadAsStringAsync())!["package"]!["name"]);
    }
}
