using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Builder.Serving;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Tests.Serving;

public sealed class RepoServerTests : IAsyncLifetime, IDisposable
{
    private const string V3 = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3";
    private const string V4 = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4";
    private const string V5 = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5";
    private const string CosmosAccept = V5 + "," + V4 + "," + V3;

    private readonly TestTree _tree = new();
    private TreeRepoSource _source = null!;
    private RepoServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", "1.0.0", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" }));
        _tree.Revision("alpha", 1, TestTree.PackageJson("alpha", "1.1.0", "4.0", new JsonObject { ["minDcosReleaseVersion"] = "1.11", ["upgradesFrom"] = new JsonArray("*") }));
        _tree.Revision("beta", 0, TestTree.PackageJson("beta", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.12" }));
        _source = new TreeRepoSource(_tree.Root, DcosVersions.Default, TimeSpan.Zero, TimeProvider.System);
        _server = await RepoServer.StartAsync(_source);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _source.Dispose();
        _tree.Dispose();
    }

    [Theory]
    [InlineData(CosmosAccept, "dcos/2.0", "2.0", V5)]
    [InlineData(CosmosAccept, "dcos/1.11.2", "1.11", V4)]
    [InlineData(CosmosAccept, "dcos/1.9", "1.9", V3)]
    [InlineData(V3, "dcos/2.0", "1.9", V3)]
    [InlineData(CosmosAccept, "Mozilla/5.0", "2.0", V5)]
    public async Task GetRepo_NegotiatesTheFileAndItsExactContentType(string accept, string userAgent, string version, string contentType)
    {
        using var response = await GetAsync("/repo", accept, userAgent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, RawContentType(response));
        var expected = (await _source.GetSnapshotAsync(CancellationToken.None)).Find(RepoGenerator.RepoFileName(version))!.File.ToArray();
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("User-Agent", response.Headers.Vary);
    }

    [Fact]
    public async Task GetRepo_CosmosHeaders_ServesV5ReadableByCosmos()
    {
        using var response = await GetAsync("/repo", CosmosAccept, "dcos/2.0");
        var index = await RepoIndexReader.ReadAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal(["alpha/0", "alpha/1", "beta/0"], index.Packages.Select(p => $"{p.Name}/{p.ReleaseVersion}"));
        Assert.Equal("4.0", index.Packages[1].PackagingVersion);
    }

    [Fact]
    public async Task GetRepo_Dcos19_ServesTheDowngradedFile()
    {
        using var response = await GetAsync("/repo", CosmosAccept, "dcos/1.9");
        var index = await RepoIndexReader.ReadAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal(["alpha/0"], index.Packages.Select(p => $"{p.Name}/{p.ReleaseVersion}"));
    }

    [Theory]
    [InlineData("text/html", "dcos/2.0", HttpStatusCode.NotAcceptable, "NotAcceptable")]
    [InlineData("application/zip", "dcos/1.8", HttpStatusCode.NotAcceptable, "NotAcceptable")]
    [InlineData(CosmosAccept, "dcos/1.7", HttpStatusCode.BadRequest, "UnsupportedDcosVersion")]
    public async Task GetRepo_NoFileFits_ClearJsonError(string accept, string userAgent, HttpStatusCode status, string type)
    {
        using var response = await GetAsync("/repo", accept, userAgent);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(type, (string?)body["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
    }

    [Fact]
    public async Task GetRepo_IfNoneMatch_Returns304ThenNewContentAfterAnEdit()
    {
        using var first = await GetAsync("/repo", CosmosAccept, "dcos/2.0");
        var etag = first.Headers.ETag!.Tag;

        using var again = await GetAsync("/repo", CosmosAccept, "dcos/2.0", ("If-None-Match", etag));
        _tree.Revision("gamma", 0);
        using var afterEdit = await GetAsync("/repo", CosmosAccept, "dcos/2.0", ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, afterEdit.StatusCode);
        Assert.NotEqual(etag, afterEdit.Headers.ETag!.Tag);
        var index = await RepoIndexReader.ReadAsync(await afterEdit.Content.ReadAsStreamAsync());
        Assert.Contains(index.Packages, p => p.Name == "gamma");
    }

    [Fact]
    public async Task GetRepo_IfModifiedSince_Returns304WhenNotNewer()
    {
        using var first = await GetAsync("/repo", CosmosAccept, "dcos/2.0");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var same = await GetAsync("/repo", CosmosAccept, "dcos/2.0", ("If-Modified-Since", lastModified.ToString("R")));
        using var older = await GetAsync("/repo", CosmosAccept, "dcos/2.0", ("If-Modified-Since", lastModified.AddSeconds(-10).ToString("R")));

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    [Fact]
    public async Task GetRepo_AcceptEncodingGzip_ServesGzipWithItsOwnETag()
    {
        using var plain = await GetAsync("/repo", CosmosAccept, "dcos/2.0");
        using var gzipped = await GetAsync("/repo", CosmosAccept, "dcos/2.0", ("Accept-Encoding", "gzip"));

        Assert.Equal("gzip", gzipped.Content.Headers.ContentEncoding.Single());
        Assert.NotEqual(plain.Headers.ETag!.Tag, gzipped.Headers.ETag!.Tag);
        await using var inflated = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        await inflated.CopyToAsync(buffer);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), buffer.ToArray());
    }

    [Fact]
    public async Task HeadRepo_HeadersWithoutBody()
    {
        using var get = await GetAsync("/repo", CosmosAccept, "dcos/2.0");
        using var request = new HttpRequestMessage(HttpMethod.Head, "/repo");
        request.Headers.TryAddWithoutValidation("Accept", CosmosAccept);
        request.Headers.TryAddWithoutValidation("User-Agent", "dcos/2.0");

        using var head = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/package/alpha.json", "dcos/2.0", new[] { "alpha/0", "alpha/1" }, V5)]
    [InlineData("/package/alpha", "dcos/1.10", new[] { "alpha/0" }, V4)]
    [InlineData("/package/alpha.json?dcosVersion=1.8", "dcos/2.0", new[] { "alpha/0" }, V3)]
    public async Task GetPackage_NegotiatedPerPackageFile(string path, string userAgent, string[] expected, string contentType)
    {
        using var response = await GetAsync(path, CosmosAccept, userAgent);
        var index = await RepoIndexReader.ReadAsync(await response.Content.ReadAsStreamAsync());

        Assert.Equal(contentType, RawContentType(response));
        Assert.Equal(expected, index.Packages.Select(p => $"{p.Name}/{p.ReleaseVersion}"));
    }

    [Theory]
    [InlineData("/package/beta.json", "dcos/1.11", "PackageNotFound")]
    [InlineData("/package/nope.json", "dcos/2.0", "PackageNotFound")]
    [InlineData("/repo-up-to-1.7.json", "dcos/2.0", "NotFound")]
    [InlineData("/1.9/package/beta.json", "dcos/2.0", "NotFound")]
    [InlineData("/..%2F..%2Fetc%2Fpasswd.content_type", "dcos/2.0", "NotFound")]
    public async Task Get_UnknownFile_404WithJsonError(string path, string userAgent, string type)
    {
        using var response = await GetAsync(path, CosmosAccept, userAgent);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(type, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]);
    }

    [Theory]
    [InlineData("/universe.json", V5)]
    [InlineData("/repo-empty-v3.json", V3)]
    [InlineData("/repo-up-to-1.8.json", V3)]
    [InlineData("/repo-up-to-1.11.json", V4)]
    [InlineData("/repo-up-to-1.13.json", V5)]
    [InlineData("/1.12/package/beta.json", V5)]
    [InlineData("/repo-up-to-1.10.content_type", "text/plain; charset=utf-8")]
    public async Task Get_BuiltFiles_ServedAsBuilt(string path, string contentType)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, RawContentType(response));
        var snapshot = await _source.GetSnapshotAsync(CancellationToken.None);
        Assert.Equal(snapshot.Find(path[1..])!.File.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BuiltDirectory_ServesTheSameBytesAsTheTree()
    {
        var output = Path.Combine(_tree.Root, "target");
        var errors = new StringWriter();
        var code = await BuilderApplication.InvokeAsync(new BuilderConsole(TextWriter.Null, errors), ["build", "--repository", _tree.Root, "--out-dir", output], CancellationToken.None);
        Assert.True(code == ExitCodes.Success, errors.ToString());
        using var built = new BuiltDirectoryRepoSource(output, TimeSpan.Zero, TimeProvider.System);
        await using var server = await RepoServer.StartAsync(built);
        using var client = server.CreateClient();

        foreach (var (accept, userAgent) in new[] { (CosmosAccept, "dcos/2.0"), (CosmosAccept, "dcos/1.9"), (V4, "dcos/1.12") })
        {
            using var fromTree = await GetAsync("/repo", accept, userAgent);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/repo");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            using var fromBuilt = await client.SendAsync(request);
            var contentType = RawContentType(fromBuilt);

            Assert.True(fromBuilt.StatusCode == HttpStatusCode.OK, await fromBuilt.Content.ReadAsStringAsync());
            Assert.Equal(RawContentType(fromTree), contentType);
            Assert.Equal(await fromTree.Content.ReadAsByteArrayAsync(), await fromBuilt.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>The Content-Type exactly as sent (HttpClient re-formats parsed media types).</summary>
    private static string RawContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : string.Empty;

    [Theory]
    [InlineData("GET", "/package/..%2f..%2fetc%2fpasswd.json", "dcos/2.0")]
    [InlineData("GET", "/package/alpha.json?dcosVersion=..%2f..", "dcos/2.0")]
    [InlineData("GET", "/repo-up-to-..%2f2.0.json", "dcos/2.0")]
    [InlineData("GET", "/HUGE", "dcos/2.0")]
    [InlineData("POST", "/repo", "dcos/2.0")]
    [InlineData("DELETE", "/universe.json", "dcos/2.0")]
    public async Task Hostile_PathsVersionsAndMethods_Answer4xxWithABody(string method, string path, string userAgent)
    {
        if (path == "/HUGE")
        {
            path = "/package/" + new string('a', 6000) + ".json";
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", CosmosAccept);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (method == "POST")
        {
            request.Content = new StringContent("{\"a\":1,\"a\":2");
        }

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path}: {(int)response.StatusCode} {body}");
        Assert.False(string.IsNullOrWhiteSpace(body), $"{method} {path}: empty {(int)response.StatusCode}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/package/alpha%00.json", "dcos/2.0")]
    [InlineData("/repo", "dcos/\u0000")]
    public async Task Hostile_NulInPathOrHeader_RejectedAs400ByTheProtocolLayer(string path, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept, string? userAgent, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _client.SendAsync(request);
    }
}
