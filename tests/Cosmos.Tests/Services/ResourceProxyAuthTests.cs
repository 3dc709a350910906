using System.Net;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Services;

/// <summary>With <c>Cosmos:Auth:Token</c> set, <c>/package/resource</c> is not open: 401 in the envelope without it, 200 with it in either form.</summary>
public sealed class ResourceProxyAuthTests
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Bearer wrong", HttpStatusCode.Unauthorized)]
    [InlineData("token=wrong", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer s3cret", HttpStatusCode.OK)]
    [InlineData("token=s3cret", HttpStatusCode.OK)]
    public async Task Resource_TokenConfigured_NeedsTheToken(string? authorization, HttpStatusCode expected)
    {
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Auth:Token"] = "s3cret" });
        var icon = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BundledUniverse.PackagesPath, "T", "ticker", "0", "resource.json")))!["images"]!["icon-small"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/package/resource?url=" + Uri.EscapeDataString(icon));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.StartsWith("<svg", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("Unauthorized", (string?)JsonNode.Parse(body)!["type"]);
            Assert.DoesNotContain("s3cret", body, StringComparison.Ordinal);
        }
    }
}
