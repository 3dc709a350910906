using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Services;

/// <summary>The resource proxy fetching from a real upstream on loopback, listed by a package of a temporary universe tree.</summary>
public sealed class ResourceUpstreamTests : IAsyncLifetime
{
    private static readonly byte[] Icon = [0x89, 0x50, 0x4e, 0x47, 1, 2, 3];
    private static readonly string HtmlDataUrl = "data:text/html;base64," + Convert.ToBase64String("<script>alert(document.cookie)</script>"u8);
    private static readonly string SvgDataUrl = "data:image/svg+xml;base64," + Convert.ToBase64String("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"""u8);
    private WebApplication _upstream = null!;
    private string _universe = null!;
    private string _base = null!;
    private int _closedPort;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = builder.Build();
        _upstream.MapGet("/icons/demo.png", () => Results.Bytes(Icon, "image/png"));
        _upstream.MapGet("/page.html", () => Results.Text("<script>alert(document.cookie)</script>", "text/html"));
        _upstream.MapGet("/redirect", () => Results.Redirect("/icons/demo.png"));
        _upstream.MapGet("/missing", () => Results.NotFound());
        await _upstream.StartAsync();
        _base = _upstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            _closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        _universe = Path.Combine(Path.GetTempPath(), "install-proxy-universe-" + Guid.NewGuid().ToString("N"));
        var revision = Directory.CreateDirectory(Path.Combine(_universe, "repo", "packages", "P", "proxy-demo", "0")).FullName;
        await File.WriteAllTextAsync(Path.Combine(revision, "package.json"),
            """{"packagingVersion":"4.0","name":"proxy-demo","version":"1.0.0","maintainer":"t","description":"proxy test","tags":["t"]}""");
        var resource = new JsonObject
        {
            ["images"] = new JsonObject { ["icon-small"] = _base + "/icons/demo.png" },
            ["assets"] = new JsonObject
            {
                ["uris"] = new JsonObject
                {
                    ["redirect"] = _base + "/redirect",
                    ["missing"] = _base + "/missing",
                    ["down"] = $"http://127.0.0.1:{_closedPort}/x.bin",
                    ["metadata"] = "http://169.254.169.254/latest/meta-data/iam",
                    ["page"] = _base + "/page.html",
                    ["html"] = HtmlDataUrl,
                    ["svg"] = SvgDataUrl,
                },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(revision, "resource.json"), resource.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        Directory.Delete(_universe, recursive: true);
    }

    [Fact]
    public async Task Resource_HtmlDataUrl_RefusedAsNotAnImage()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(HtmlDataUrl));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", (string?)body["type"]);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Resource_SvgDataUrl_ServedSandboxedAndNosniff()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(SvgDataUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox; default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Resource_UpstreamHtml_ServedAsSandboxedAttachment()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(_base + "/page.html"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox; default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Resource_ListedUpstreamUrl_StreamedWithTypeAndAttachmentName()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(_base + "/icons/demo.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"demo.png\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(Icon, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Resource_RawUnencodedUrl_IsAcceptedToo()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + _base + "/icons/demo.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/redirect", 302)]
    [InlineData("/missing", 404)]
    public async Task Resource_UpstreamNotOk_GenericHttpErrorWithoutFollowingRedirects(string path, int clientStatus)
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(_base + path));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("GenericHttpError", body["type"]!.GetValue<string>());
        Assert.Equal(clientStatus, body["data"]!["clientStatus"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resource_UpstreamDown_EndpointUriConnection502()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString($"http://127.0.0.1:{_closedPort}/x.bin"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("EndpointUriConnection", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_ListedMetadataUrl_RefusedByTheForgeryGuard()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString("http://169.254.169.254/latest/meta-data/iam"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("EndpointUriConnection", body["type"]!.GetValue<string>());
        Assert.StartsWith("Refusing to connect to 169.254.169.254: blocked network 169.254.0.0/16", body["data"]!["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resource_SameHostOtherPath_Forbidden()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(_base + "/icons/other.png"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private CosmosApplicationFactory Factory()
    {
        var factory = new CosmosApplicationFactory { DefaultRepositoryUri = _universe };
        factory.Settings["Runtime:LocalAgent:Enabled"] = "false";
        return factory;
    }
}
