using System.Net;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Services;

public sealed class ResourceProxyTests
{
    [Fact]
    public async Task Resource_IconListedByBundledPackage_ServedFromDataUrl()
    {
        await using var host = new ServicesHost();
        var icon = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BundledUniverse.PackagesPath, "T", "ticker", "0", "resource.json")))!["images"]!["icon-small"]!.GetValue<string>();

        using var response = await host.Client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(icon));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.google.com/")]
    [InlineData("http://127.0.0.1:1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public async Task Resource_UrlNotInAnyPackage_Forbidden(string url)
    {
        await using var host = new ServicesHost();

        using var response = await host.Client.GetAsync("/package/resource?url=" + Uri.EscapeDataString(url));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", body!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resource_ProxiedUrlFromList_IsServed()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "kv-store" });
        var (_, list) = await host.ListAsync(new { });
        var proxied = list!["packages"]![0]!["packageInformation"]!["resourceDefinition"]!["images"]!["icon-large"]!.GetValue<string>();

        using var response = await host.Client.GetAsync(new Uri(proxied).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
