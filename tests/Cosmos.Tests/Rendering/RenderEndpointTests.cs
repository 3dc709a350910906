using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Catalog;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Rendering;

public sealed class RenderEndpointTests : IDisposable
{
    private static readonly string RequestType = RpcRequests.Vendor("package.render-request", "v1");
    private static readonly string ResponseType = RpcRequests.Vendor("package.render-response", "v1");

    private readonly CosmosApplicationFactory _factory = new()
    {
        Catalog = new InMemoryPackageCatalog(
            [RenderPackages.Helloworld(), RenderPackages.Package("cli-only", "1.0", null), RenderPackages.Package("nulls", "1.0", """{"id":"n","args":null,"env":{"A":null,"B":"b"}}""")],
            [RenderPackages.Package("second", "2.0", """{"id":"s"}""")]),
    };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Render_Helloworld_ReturnsDecoratedAppWithRenderResponseType()
    {
        var (status, contentType, body) = await PostAsync("""{"packageName":"helloworld","packageVersion":"0.1.0","options":{"port":9999},"appId":"custom"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ResponseType, contentType.Replace(" ", string.Empty, StringComparison.Ordinal));
        var app = body["marathonJson"]!.AsObject();
        Assert.Equal("/custom", app["id"]!.GetValue<string>());
        Assert.Equal("python3 -m http.server 9999", app["cmd"]!.GetValue<string>());
        Assert.Equal("file:///repo0", app["labels"]!["DCOS_PACKAGE_SOURCE"]!.GetValue<string>());
        Assert.Equal("eyJwb3J0Ijo5OTk5fQ==", app["labels"]!["DCOS_PACKAGE_OPTIONS"]!.GetValue<string>());
        Assert.Equal("1.0", app["cpus"]!.ToJsonString());
    }

    [Fact]
    public async Task Render_PackageFromSecondRepository_NamesThatRepositoryAsSource()
    {
        var (status, _, body) = await PostAsync("""{"packageName":"second"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("file:///repo1", body["marathonJson"]!["labels"]!["DCOS_PACKAGE_SOURCE"]!.GetValue<string>());
    }

    [Fact]
    public async Task Render_NullsInTemplate_AreDroppedFromTheResponse()
    {
        var (status, _, body) = await PostAsync("""{"packageName":"nulls"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body["marathonJson"]!.AsObject().ContainsKey("args"));
        Assert.Equal("""{"B":"b"}""", body["marathonJson"]!["env"]!.ToJsonString());
    }

    [Fact]
    public async Task Render_PackageWithoutTemplate_Returns400ServiceMarathonTemplateNotFound()
    {
        var (status, _, body) = await PostAsync("""{"packageName":"cli-only"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ServiceMarathonTemplateNotFound", body["type"]!.GetValue<string>());
        Assert.Equal("""{"packageName":"cli-only","packageVersion":"1.0"}""", body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Render_InvalidOptions_Returns400JsonSchemaMismatchWithEveryError()
    {
        var (status, _, body) = await PostAsync("""{"packageName":"helloworld","options":{"port":"9999","name":5}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("JsonSchemaMismatch", body["type"]!.GetValue<string>());
        Assert.Equal("Options JSON failed validation", body["message"]!.GetValue<string>());
        Assert.Equal(2, body["data"]!["errors"]!.AsArray().Count);
    }

    [Fact]
    public async Task Render_UnknownPackage_Returns400PackageNotFound()
    {
        var (status, _, body) = await PostAsync("""{"packageName":"nope"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("PackageNotFound", body["type"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, string ContentType, JsonObject Body)> PostAsync(string body)
    {
        using var client = _factory.CreateClient();
        using var request = RpcRequests.Post("/package/render", body, ResponseType, RequestType);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, RpcRequests.RawContentType(response), JsonNode.Parse(text)!.AsObject());
    }
}
