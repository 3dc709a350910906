using System.Net;
using System.Text.Json.Nodes;
using Universe.Builder.Bundles;
using Universe.Builder.Serving;
using Universe.Builder.Tests.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Registry;

namespace Universe.Builder.Tests.Bundles;

/// <summary>
/// <c>universe serve &lt;bundle&gt;</c> over a bundle that was not imported (copied from media, edited, half-replaced):
/// bad manifest entries, links out of the bundle, hostile registry paths. Always a 4xx with a body, never a 5xx.
/// </summary>
public sealed class BundleServeHostileTests : IDisposable
{
    private const string Good = "127.0.0.1:5000/team/web:1.0";
    private const string GoodName = "127.0.0.1-5000/team/web";
    private readonly TempRoot _root = new("serve-hostile-");
    private readonly HandMadeBundle _bundle;

    public BundleServeHostileTests() => _bundle = new HandMadeBundle(_root.In("bundle"));

    public void Dispose() => _root.Dispose();

    private static HttpClient Client() => new(new SocketsHttpHandler { UseProxy = false });

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!.AsObject();
        Assert.True(error.ContainsKey("message") && error.ContainsKey("detail"), error.ToJsonString());
        return error["code"]!.GetValue<string>();
    }

    /// <summary>Serves a bundle holding just the good image.</summary>
    private async Task<ServedBundle> ServeGoodImageAsync()
    {
        await _bundle.AddImageAsync(Good, "127.0.0.1:5000", "team/web", "1.0");
        await _bundle.WriteAsync();
        return await ServedBundle.StartAsync(_bundle.Directory);
    }

    /// <summary>A good image, and four whose registry or manifest digest would throw where serve uses them.</summary>
    private async Task<ImageEntry> WriteBundleWithBadImagesAsync()
    {
        var good = await _bundle.AddImageAsync(Good, "127.0.0.1:5000", "team/web", "1.0");
        _bundle.Images["127.0.0.1:5000/team/nul:1"] = good with { Registry = null!, Repository = "team/nul" };
        _bundle.Images["127.0.0.1:5000/team/empty:1"] = good with { Registry = string.Empty, Repository = "team/empty" };
        _bundle.Images["127.0.0.1:5000/team/bracket:1"] = good with { Registry = "[x", Repository = "team/bracket" };
        _bundle.Images["127.0.0.1:5000/team/digest:1"] = good with { Repository = "team/digest", ManifestDigest = "x" };
        await _bundle.SetPackagesAsync(TestPackages.Package("tool", "1.0", 0, resource: MirrorRunnerTests.Resource(
            assets: [], images: [Good, "127.0.0.1:5000/team/nul:1", "127.0.0.1:5000/team/bracket:1", "127.0.0.1:5000/team/digest:1"])));
        await _bundle.WriteAsync();
        return good;
    }

    [Fact]
    public async Task Serve_ManifestWithBadImageEntries_SkipsThemAndServesTheRest()
    {
        var good = await WriteBundleWithBadImagesAsync();
        await using var served = await ServedBundle.StartAsync(_bundle.Directory);
        using var http = Client();

        using var repo = new HttpRequestMessage(HttpMethod.Get, new Uri(served.Address, "repo"));
        repo.Headers.TryAddWithoutValidation("Accept", "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5");
        using var repoResponse = await http.SendAsync(repo);
        using var catalog = await http.GetAsync(new Uri(served.Address, "v2/_catalog"));
        using var manifest = await http.GetAsync(new Uri(served.Address, $"v2/{GoodName}/manifests/1.0"));
        using var skipped = await http.GetAsync(new Uri(served.Address, "v2/127.0.0.1-5000/team/digest/manifests/1"));

        Assert.Equal(HttpStatusCode.OK, repoResponse.StatusCode);
        var docker = JsonNode.Parse(await repoResponse.Content.ReadAsStringAsync())!["packages"]![0]!["resource"]!["assets"]!["container"]!["docker"]!;
        Assert.Equal($"{served.Host}/{GoodName}:1.0", docker["i0"]!.GetValue<string>());
        Assert.Equal("127.0.0.1:5000/team/bracket:1", docker["i2"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal([GoodName], JsonNode.Parse(await catalog.Content.ReadAsStringAsync())!["repositories"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal(good.ManifestDigest, manifest.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(HttpStatusCode.NotFound, skipped.StatusCode);
        Assert.Equal("NAME_UNKNOWN", await CodeAsync(skipped));
    }

    [Fact]
    public async Task Serve_BundleJsonReplacedByOneWithBadEntriesWhileServing_KeepsServingTheGoodOnes()
    {
        var good = await _bundle.AddImageAsync(Good, "127.0.0.1:5000", "team/web", "1.0");
        await _bundle.WriteAsync();
        await using var served = await ServedBundle.StartAsync(_bundle.Directory);
        using var http = Client();
        using var before = await http.GetAsync(new Uri(served.Address, "v2/_catalog"));
        _bundle.Images["127.0.0.1:5000/team/bracket:1"] = good with { Registry = "[x", Repository = "team/bracket" };
        await _bundle.WriteAsync();
        File.SetLastWriteTimeUtc(Path.Combine(_bundle.Directory, BundleManifest.FileName), DateTime.UtcNow.AddSeconds(5));
        await Task.Delay(TimeSpan.FromMilliseconds(1100));

        using var catalog = await http.GetAsync(new Uri(served.Address, "v2/_catalog"));
        using var blob = await http.GetAsync(new Uri(served.Address, $"v2/{GoodName}/blobs/{good.Blobs[^1]}"));
        using var repo = await http.GetAsync(new Uri(served.Address, "repo-up-to-2.0.json"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal([GoodName], JsonNode.Parse(await catalog.Content.ReadAsStringAsync())!["repositories"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal(4096, (await blob.Content.ReadAsByteArrayAsync()).Length);
        Assert.True((int)repo.StatusCode < 500, $"{(int)repo.StatusCode} {await repo.Content.ReadAsStringAsync()}");
        Assert.NotEmpty(await repo.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ServeRunner_BundleWithBadEntries_StartsAndNamesEachSkippedEntryOnce()
    {
        await WriteBundleWithBadImagesAsync();

        var (exit, output, error) = await BundleServeRun.UntilServingAsync(new BundleServeOptions(_bundle.Directory, "http://bundle.example:8080", null, null, null), "http://127.0.0.1:0");

        Assert.True(output.Contains("Serving", StringComparison.Ordinal), output + error);
        Assert.Equal(0, exit);
        Assert.Contains("skipping 4 bad entries", error, StringComparison.Ordinal);
        Assert.Contains("registry '[x' is not a registry host", error, StringComparison.Ordinal);
        Assert.Contains("manifestDigest 'x' is not sha256", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'), l => l.Contains("skipping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_BlobsThatAreLinksToFilesOutsideTheBundle_404NotTheFile()
    {
        var secret = _root.In("secret.txt");
        await File.WriteAllTextAsync(secret, "root:x:0:0:the secret");
        var image = await _bundle.AddImageAsync(Good, "127.0.0.1:5000", "team/web", "1.0");
        var resource = await _bundle.AddResourceAsync("https://downloads.example/tool.tgz", "tool"u8.ToArray());
        await _bundle.WriteAsync();
        foreach (var digest in new[] { resource.Digest, image.ManifestDigest, image.Blobs[^1] })
        {
            File.Delete(_bundle.Store.GetPath(digest));
            File.CreateSymbolicLink(_bundle.Store.GetPath(digest), secret);
        }

        await using var served = await ServedBundle.StartAsync(_bundle.Directory);
        using var http = Client();

        using var asset = await http.GetAsync(new Uri(served.Address, BundleView.ResourcePath("https://downloads.example/tool.tgz", resource.Digest)));
        using var manifest = await http.GetAsync(new Uri(served.Address, $"v2/{GoodName}/manifests/1.0"));
        using var layer = await http.GetAsync(new Uri(served.Address, $"v2/{GoodName}/blobs/{image.Blobs[^1]}"));

        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);
        Assert.Equal("NotFound", JsonNode.Parse(await asset.Content.ReadAsStringAsync())!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await CodeAsync(manifest));
        Assert.Equal(HttpStatusCode.NotFound, layer.StatusCode);
        Assert.Equal("BLOB_UNKNOWN", await CodeAsync(layer));
        foreach (var response in new[] { asset, manifest, layer })
        {
            Assert.DoesNotContain("the secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Serve_BlobThatIsAFifo_404AtOnceInsteadOfHanging()
    {
        var image = await _bundle.AddImageAsync(Good, "127.0.0.1:5000", "team/web", "1.0");
        await _bundle.WriteAsync();
        File.Delete(_bundle.Store.GetPath(image.Blobs[^1]));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [_bundle.Store.GetPath(image.Blobs[^1])]))
        {
            await mkfifo.WaitForExitAsync();
        }

        await using var served = await ServedBundle.StartAsync(_bundle.Directory);
        using var http = Client();
        http.Timeout = TimeSpan.FromSeconds(15);

        using var layer = await http.GetAsync(new Uri(served.Address, $"v2/{GoodName}/blobs/{image.Blobs[^1]}"));

        Assert.Equal(HttpStatusCode.NotFound, layer.StatusCode);
        Assert.Equal("BLOB_UNKNOWN", await CodeAsync(layer));
    }

    [Fact]
    public async Task Registry_RepositoryWithManifestsAndBlobsComponents_ServesItsBlobsManifestsAndTags()
    {
        var image = await _bundle.AddImageAsync("127.0.0.1:5000/a/manifests/b/blobs/c:1.0", "127.0.0.1:5000", "a/manifests/b/blobs/c", "1.0");
        await _bundle.WriteAsync();
        await using var served = await ServedBundle.StartAsync(_bundle.Directory);
        using var http = Client();
        const string name = "127.0.0.1-5000/a/manifests/b/blobs/c";

        using var blob = await http.GetAsync(new Uri(served.Address, $"v2/{name}/blobs/{image.Blobs[^1]}"));
        using var manifest = await http.GetAsync(new Uri(served.Address, $"v2/{name}/manifests/1.0"));
        using var tags = await http.GetAsync(new Uri(served.Address, $"v2/{name}/tags/list"));

        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal(image.Blobs[^1], blob.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(await File.ReadAllBytesAsync(_bundle.Store.GetPath(image.Blobs[^1])), await blob.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal(image.ManifestDigest, manifest.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(HttpStatusCode.OK, tags.StatusCode);
        Assert.Equal(name, JsonNode.Parse(await tags.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v2/Team/Web/tags/list", 400, "NAME_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team//web/manifests/1.0", 400, "NAME_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web_/blobs/sha256:0000000000000000000000000000000000000000000000000000000000000000", 400, "NAME_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web/blobs/sha256:xyz", 400, "DIGEST_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web/blobs/latest", 400, "DIGEST_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web/blobs/sha256:00000000000000000000000000000000000000000000000000000000000000AA", 400, "DIGEST_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web/manifests/sha256:abc", 400, "DIGEST_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web/manifests/9.9", 404, "MANIFEST_UNKNOWN")]
    [InlineData("v2/127.0.0.1-5000/team/web/blobs/sha256:0000000000000000000000000000000000000000000000000000000000000000", 404, "BLOB_UNKNOWN")]
    [InlineData("v2/127.0.0.1-5000/team/other/blobs/sha256:0000000000000000000000000000000000000000000000000000000000000000", 404, "NAME_UNKNOWN")]
    [InlineData("v2/127.0.0.1-5000/team/other/manifests/1.0", 404, "NAME_UNKNOWN")]
    [InlineData("v2/127.0.0.1-5000/team/other/tags/list", 404, "NAME_UNKNOWN")]
    [InlineData("v2/127.0.0.1-5000/team/web/tags/other", 404, "NOT_FOUND")]
    [InlineData("v2/127.0.0.1-5000/team/web/uploads/x", 404, "NOT_FOUND")]
    [InlineData("v2/127.0.0.1-5000/team%01web/tags/list", 400, "NAME_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team%2Fweb/manifests/1.0", 400, "NAME_INVALID")]
    [InlineData("v2/127.0.0.1-5000/team/web/manifests/%01x", 404, "MANIFEST_UNKNOWN")]
    [InlineData("v2/127.0.0.1-5000/team/web/blobs/sha256:%01", 400, "DIGEST_INVALID")]
    public async Task Registry_MalformedOrUnknownNameOrDigest_AnswersTheSpecsCodeInItsErrorModel(string path, int status, string code)
    {
        await using var served = await ServeGoodImageAsync();
        using var http = Client();

        using var response = await http.GetAsync(new Uri(served.Address, path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, await CodeAsync(response));
    }

    [Fact]
    public async Task Registry_HugeNameOrTag_4xxInItsErrorModelWithABoundedMessage()
    {
        await using var served = await ServeGoodImageAsync();
        using var http = Client();

        using var longName = await http.GetAsync(new Uri(served.Address, "v2/" + new string('a', 256) + "/tags/list"));
        using var hugeName = await http.GetAsync(new Uri(served.Address, "v2/" + new string('a', 7000) + "/tags/list"));
        using var hugeTag = await http.GetAsync(new Uri(served.Address, $"v2/{GoodName}/manifests/" + new string('x', 7000)));

        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Equal("NAME_INVALID", await CodeAsync(longName));
        Assert.Equal(HttpStatusCode.BadRequest, hugeName.StatusCode);
        Assert.Equal("NAME_INVALID", await CodeAsync(hugeName));
        Assert.Equal(HttpStatusCode.NotFound, hugeTag.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await CodeAsync(hugeTag));
        foreach (var response in new[] { hugeName, hugeTag })
        {
            var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["message"]!.GetValue<string>();
            Assert.True(message.Length < 1000, message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("PUT", "v2/")]
    [InlineData("POST", "v2/127.0.0.1-5000/team/web/blobs/uploads/")]
    [InlineData("DELETE", "v2/127.0.0.1-5000/team/web/manifests/1.0")]
    [InlineData("PATCH", "v2/127.0.0.1-5000/team/web/blobs/uploads/x")]
    [InlineData("PUT", "v2/127.0.0.1-5000/team/web/manifests/1.0")]
    public async Task Registry_WriteMethods_RefusedWithABodyAndTheRegistryStillServes(string method, string path)
    {
        await using var served = await ServeGoodImageAsync();
        using var http = Client();

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(served.Address, path)) { Content = new StringContent("{\"x\":1,\"x\":2}") };
        using var refused = await http.SendAsync(request);
        using var catalog = await http.GetAsync(new Uri(served.Address, "v2/_catalog"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Equal("UNSUPPORTED", await CodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
    }

    [Theory]
    [InlineData("/v2/127.0.0.1-5000/team/%2e%2e/web/tags/list")]
    [InlineData("/v2/127.0.0.1-5000/team/../../bundle.json/tags/list")]
    [InlineData("/v2/..%2f..%2fbundle.json/manifests/1.0")]
    public async Task Registry_TraversalInTheName_4xxInItsErrorModel(string target)
    {
        await using var served = await ServeGoodImageAsync();

        var response = await Universe.Testing.Http.RawHttp.GetAsync(served.Address, target);

        Assert.InRange(response.Status, 400, 404);
        Assert.True(JsonNode.Parse(response.Body)!["errors"]![0]!["code"] is not null, response.Body);
        Assert.DoesNotContain("schemaVersion", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("..")]
    [InlineData("%2e%2e")]
    [InlineData("sha256%3Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("a%01b")]
    [InlineData("..%2f..%2fbundle.json")]
    public async Task Resource_MalformedHex_404InItsErrorModelNeverAFile(string hex)
    {
        await using var served = await ServeGoodImageAsync();

        var response = await Universe.Testing.Http.RawHttp.GetAsync(served.Address, $"/resources/{hex}/x");

        Assert.Equal(404, response.Status);
        var body = JsonNode.Parse(response.Body)!.AsObject();
        Assert.Equal("NotFound", body["type"]!.GetValue<string>());
        Assert.DoesNotContain("schemaVersion", response.Body, StringComparison.Ordinal);
    }
}
