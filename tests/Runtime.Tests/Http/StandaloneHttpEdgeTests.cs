using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;
using Universe.Testing.Http;

namespace Universe.Runtime.Tests.Http;

/// <summary>
/// The standalone Runtime executable (src/Runtime/Host, a real process on a free port) answers what reaches no
/// handler in Marathon's model <c>{message}</c>: routing misses, wrong methods, over-long URLs and header blocks.
/// Only what is beyond Kestrel's outer bound stays a bodiless protocol rejection.
/// </summary>
public sealed class StandaloneHttpEdgeTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
    private RuntimeProcess _runtime = null!;
    private Uri _server = null!;

    public async Task InitializeAsync()
    {
        var port = RuntimeProcess.FreePort();
        _runtime = await RuntimeProcess.StartAsync(
            port, [$"--Runtime:DataDirectory={_dataDirectory}", "--Runtime:LocalAgent:Enabled=false", "--Runtime:SimulatedAgents:Count=1"]);
        _server = new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownRoute_404WithMarathonMessage()
    {
        using var response = await _runtime.Client.GetAsync("v2/nothing-here");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not Found", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }

    [Fact]
    public async Task WrongMethod_405WithMarathonMessage()
    {
        using var response = await _runtime.Client.DeleteAsync("v2/info");

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal("Method Not Allowed", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }

    [Fact]
    public async Task LongUrl_414WithMarathonMessage()
    {
        var response = await RawHttp.GetAsync(_server, "/v2/apps/" + new string('a', 9000));

        Assert.Equal(414, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("URI Too Long", (string?)JsonNode.Parse(response.Body)!["message"]);
    }

    [Fact]
    public async Task LargeOrManyHeaders_431WithMarathonMessage()
    {
        var large = await RawHttp.GetAsync(_server, "/v2/info", [.. Enumerable.Range(0, 5).Select(i => ("X-Pad-" + i, new string('h', 8000)))]);
        var many = await RawHttp.GetAsync(_server, "/v2/info", [.. Enumerable.Range(0, 150).Select(i => ("X-Many-" + i, "v"))]);

        Assert.Equal(431, large.Status);
        Assert.Equal("Request Header Fields Too Large", (string?)JsonNode.Parse(large.Body)!["message"]);
        Assert.Equal(431, many.Status);
        Assert.Equal("Request Header Fields Too Large", (string?)JsonNode.Parse(many.Body)!["message"]);
    }

    [Fact]
    public async Task WithinTheLimits_Answered()
    {
        var response = await RawHttp.GetAsync(
            _server, "/v2/info?pad=" + new string('a', 7000), [.. Enumerable.Range(0, 3).Select(i => ("X-Pad-" + i, new string('h', 8000)))]);

        Assert.Equal(200, response.Status);
        Assert.NotNull(JsonNode.Parse(response.Body)!["version"]);
    }

    [Fact]
    public async Task BeyondKestrelsOuterBound_BodilessProtocolRejection()
    {
        var response = await RawHttp.GetAsync(_server, "/v2/info?pad=" + new string('a', 70 * 1024));

        Assert.Equal(414, response.Status);
        Assert.Equal(string.Empty, response.Body);
    }
}
