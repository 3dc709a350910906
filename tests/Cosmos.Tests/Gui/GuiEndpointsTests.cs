using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>The GUI's server side: pages and client routes, static files, caching, CSP, settings, hostile paths.</summary>
public sealed class GuiEndpointsTests : IDisposable
{
    private readonly CosmosApplicationFactory _factory = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/catalog")]
    [InlineData("/catalog/packages/web-server")]
    [InlineData("/catalog/packages/web-server/install?version=1.0.0")]
    [InlineData("/services")]
    [InlineData("/services/detail?id=%2Fweb-server")]
    [InlineData("/repositories")]
    public async Task Page_EveryClientRoute_ServesTheShellWithAStrictPolicy(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("<script type=\"module\" src=\"/gui/app.js\"></script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_WithEtag_Answers304AndGzipWhenAsked()
    {
        using var client = _factory.CreateClient();

        using var first = await client.GetAsync(new Uri("/gui/app.js", UriKind.Relative));
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/gui/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        using var gzipped = new HttpRequestMessage(HttpMethod.Get, "/gui/app.js");
        gzipped.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var compressed = await client.SendAsync(gzipped);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("gzip", compressed.Content.Headers.ContentEncoding.Single());
        await using var unzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(unzip);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData("/gui/nope.js")]
    [InlineData("/gui/..%2f..%2fetc%2fpasswd")]
    [InlineData("/gui/..%5c..%5cUniverse.Cosmos.dll")]
    [InlineData("/gui/%252e%252e/appsettings.json")]
    [InlineData("/gui/index.html%20")]
    [InlineData("/gui/APP.JS")]
    [InlineData("/gui/")]
    public async Task Asset_UnknownOrHostilePath_Is404WithACosmosErrorBody(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/vnd.dcos.package.error+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("GuiAssetNotFound", body["type"]!.GetValue<string>());
        Assert.StartsWith("No GUI file [", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/gui/../appsettings.json")]
    [InlineData("/gui/%2e%2e/Universe.Cosmos.dll")]
    [InlineData("/gui/%2e%2e/%2e%2e/etc/passwd")]
    public async Task Asset_DotSegments_NeverLeaveTheEmbeddedFiles(string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.False(body.Length > 2 && body[0] == 'M' && body[1] == 'Z', "a file from the output folder was served");
    }

    [Fact]
    public async Task Settings_WithAndWithoutToken_SayWhetherChangesNeedIt()
    {
        using var open = _factory.CreateClient();
        using var secured = new CosmosApplicationFactory();
        secured.Settings["Cosmos:Auth:Token"] = "s3cret";
        using var securedClient = secured.CreateClient();

        var openSettings = JsonNode.Parse(await open.GetStringAsync(new Uri("/gui/settings", UriKind.Relative)))!;
        using var securedResponse = await securedClient.GetAsync(new Uri("/gui/settings", UriKind.Relative));
        using var securedPage = await securedClient.GetAsync(new Uri("/", UriKind.Relative));

        Assert.False(openSettings["tokenRequired"]!.GetValue<bool>());
        Assert.Equal("/marathon", openSettings["marathon"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, securedResponse.StatusCode);
        Assert.True(JsonNode.Parse(await securedResponse.Content.ReadAsStringAsync())!["tokenRequired"]!.GetValue<bool>());
        Assert.Equal("no-store", securedResponse.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, securedPage.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/catalog/packages/web-server")]
    [InlineData("DELETE", "/services/detail")]
    [InlineData("POST", "/gui/settings")]
    [InlineData("PATCH", "/gui/app.js")]
    [InlineData("OPTIONS", "/repositories")]
    public async Task OtherMethods_OnGuiRoutes_Are405WithACosmosErrorBody(string method, string path)
    {
        using var client = _factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"x\":") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("GuiMethodNotAllowed", body["type"]!.GetValue<string>());
        Assert.Equal(method, body["data"]!["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Settings_NeverRevealTheToken()
    {
        using var secured = new CosmosApplicationFactory();
        secured.Settings["Cosmos:Auth:Token"] = "very-secret-value";
        using var client = secured.CreateClient();

        var text = await client.GetStringAsync(new Uri("/gui/settings", UriKind.Relative));

        Assert.DoesNotContain("very-secret-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_OnPageAndAsset_HasHeadersAndNoBody()
    {
        using var client = _factory.CreateClient();

        using var page = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/catalog"));
        using var asset = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/gui/app.css"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/css", asset.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await asset.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Assets_EveryModuleTheShellImports_IsServed()
    {
        using var client = _factory.CreateClient();
        var files = new[] { "app.js", "api.js", "dom.js", "catalog.js", "detail.js", "install.js", "configure.js", "form.js", "json.js", "markdown.js",
            "search.js", "services.js", "service.js", "status.js", "repositories.js", "versions.js", "app.css", "package.svg", "favicon.svg" };

        foreach (var file in files)
        {
            using var response = await client.GetAsync(new Uri("/gui/" + file, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/gui/{file}: {(int)response.StatusCode}");
        }
    }

    public void Dispose() => _factory.Dispose();
}
