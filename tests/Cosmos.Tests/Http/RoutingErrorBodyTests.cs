using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Services;

namespace Universe.Cosmos.Tests.Http;

/// <summary>Routing misses and wrong methods answer with a body in the right error model, never an empty one.</summary>
public sealed class RoutingErrorBodyTests
{
    [Theory]
    [InlineData("GET", "/package/nope", "NotFound", 404)]
    [InlineData("GET", "/package/search", "MethodNotAllowed", 405)]
    [InlineData("DELETE", "/package/install", "MethodNotAllowed", 405)]
    public async Task CosmosPath_RoutingError_HasCosmosEnvelope(string method, string path, string type, int status)
    {
        await using var host = new ServicesHost();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(type, (string?)body["type"]);
        Assert.StartsWith("application/vnd.dcos.package.error+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/marathon/v2/nope", 404)]
    [InlineData("PATCH", "/marathon/v2/info", 405)]
    public async Task MarathonPath_RoutingError_HasMarathonMessage(string method, string path, int status)
    {
        await using var host = new ServicesHost();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.NotNull((string?)body["message"]);
        Assert.Null(body["type"]);
    }
}
