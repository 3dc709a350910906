using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Universe.Cosmos.Http;
using Universe.Testing.Http;

namespace Universe.Cosmos.Tests.Http;

/// <summary>
/// Over-long URLs and header blocks against Cosmos on a real Kestrel (raw sockets): answered by the application with a
/// body in the path's error model (Cosmos envelope, Marathon's <c>{message}</c> under <c>/marathon</c>); only what is
/// beyond Kestrel's outer bound stays a bodiless protocol rejection.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime, IDisposable
{
    private const string CapabilitiesType = "application/vnd.dcos.capabilities+json;charset=utf-8;version=v1";
    private readonly CosmosApplicationFactory _factory = new();
    private Uri _server = null!;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _server = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task LongUrl_CosmosPath_414WithCosmosEnvelope()
    {
        var response = await RawHttp.GetAsync(_server, "/capabilities?pad=" + new string('a', 9000), ("Accept", CapabilitiesType));

        Assert.Equal(414, response.Status);
        Assert.Equal(CosmosMediaTypes.Error, response.ContentType);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal("URITooLong", (string?)body["type"]);
        Assert.StartsWith("URI Too Long: GET /capabilities", (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongUrl_MarathonPath_414WithMarathonMessage()
    {
        var response = await RawHttp.GetAsync(_server, "/marathon/v2/apps/" + new string('a', 9000));

        Assert.Equal(414, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("URI Too Long", (string?)JsonNode.Parse(response.Body)!["message"]);
    }

    [Fact]
    public async Task LargeHeaderBlock_431WithCosmosEnvelope()
    {
        var pads = Enumerable.Range(0, 5).Select(i => ("X-Pad-" + i, new string('h', 8000))).ToArray();

        var response = await RawHttp.GetAsync(_server, "/capabilities", [("Accept", CapabilitiesType), .. pads]);

        Assert.Equal(431, response.Status);
        Assert.Equal(CosmosMediaTypes.Error, response.ContentType);
        Assert.Equal("RequestHeaderFieldsTooLarge", (string?)JsonNode.Parse(response.Body)!["type"]);
    }

    [Fact]
    public async Task TooManyHeaders_MarathonPath_431WithMarathonMessage()
    {
        var headers = Enumerable.Range(0, 150).Select(i => ("X-Many-" + i, "v")).ToArray();

        var response = await RawHttp.GetAsync(_server, "/marathon/v2/info", headers);

        Assert.Equal(431, response.Status);
        Assert.Equal("Request Header Fields Too Large", (string?)JsonNode.Parse(response.Body)!["message"]);
    }

    [Fact]
    public async Task JustWithinTheLimits_Answered()
    {
        var pads = Enumerable.Range(0, 3).Select(i => ("X-Pad-" + i, new string('h', 8000))).ToArray();

        var response = await RawHttp.GetAsync(_server, "/capabilities?pad=" + new string('a', 7000), [("Accept", CapabilitiesType), .. pads]);

        Assert.Equal(200, response.Status);
        Assert.Equal(CapabilitiesType, response.ContentType);
    }

    [Fact]
    public async Task BeyondKestrelsOuterBound_BodilessProtocolRejection()
    {
        var response = await RawHttp.GetAsync(_server, "/capabilities?pad=" + new string('a', 70 * 1024), ("Accept", CapabilitiesType));

        Assert.Equal(414, response.Status);
        Assert.Equal(string.Empty, response.Body);
    }
}
