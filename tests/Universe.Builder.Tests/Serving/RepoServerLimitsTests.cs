using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Builder.Serving;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Packages;
using Universe.Testing.Http;

namespace Universe.Builder.Tests.Serving;

/// <summary><c>universe serve</c> answers over-long URLs and header blocks itself, with a body in its error shape (raw sockets).</summary>
public sealed class RepoServerLimitsTests : IAsyncLifetime, IDisposable
{
    private readonly TestTree _tree = new();
    private TreeRepoSource _source = null!;
    private RepoServer _server = null!;

    public async Task InitializeAsync()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", "1.0.0"));
        _source = new TreeRepoSource(_tree.Root, DcosVersions.Default, TimeSpan.Zero, TimeProvider.System);
        _server = await RepoServer.StartAsync(_source);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _source.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public async Task LongUrl_414WithJsonError()
    {
        var response = await RawHttp.GetAsync(_server.BaseAddress, "/repo?pad=" + new string('a', 9000));

        Assert.Equal(414, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("UriTooLong", (string?)JsonNode.Parse(response.Body)!["type"]);
    }

    [Fact]
    public async Task LargeOrManyHeaders_431WithJsonError()
    {
        var large = await RawHttp.GetAsync(_server.BaseAddress, "/repo", [.. Enumerable.Range(0, 5).Select(i => ("X-Pad-" + i, new string('h', 8000)))]);
        var many = await RawHttp.GetAsync(_server.BaseAddress, "/repo", [.. Enumerable.Range(0, 150).Select(i => ("X-Many-" + i, "v"))]);

        Assert.Equal(431, large.Status);
        Assert.Equal("RequestHeaderFieldsTooLarge", (string?)JsonNode.Parse(large.Body)!["type"]);
        Assert.Equal(431, many.Status);
        Assert.Equal("RequestHeaderFieldsTooLarge", (string?)JsonNode.Parse(many.Body)!["type"]);
    }
}
