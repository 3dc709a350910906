using System.Text;
using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>Failure cases against a hand-written loopback server playing a registry (cuts, 500s, lies, stalls).</summary>
public sealed class TransferFaultTests : IAsyncLifetime
{
    private static readonly RetryPolicy Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 3 };
    private readonly string _root = Directory.CreateTempSubdirectory("universe-faults-").FullName;
    private FaultyHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FaultyHttpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static byte[] EmptyManifest() =>
        Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"sha256:{{new string('1', 64)}}","size":2},"layers":[]}""");

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    private (ImageReference Image, Descriptor Blob, string Path) Blob(byte[] content, FaultBehavior? behavior = null, byte[]? served = null)
    {
        var digest = ContentDigest.Compute(content);
        var path = $"/v2/team/app/blobs/{digest}";
        _server.Serve(path, served ?? content, behavior);
        return (ImageReference.Parse($"{_server.Host}/team/app:1"), new Descriptor(MediaTypes.OciLayerGzip, digest, content.Length), path);
    }

    private static RegistryClient Client(RetryPolicy? retry = null) => new(new RegistryClientOptions { Retry = retry ?? Fast });

    [Fact]
    public async Task DownloadBlobAsync_ConnectionCutMidway_ResumedWithRangeAndVerified()
    {
        var content = RandomBytes(3 * 1024 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { CutAfterBytes = 1024 * 1024 });
        using var client = Client();
        var store = new BlobStore(_root);
        long reported = 0;

        var fetched = await client.DownloadBlobAsync(image, blob, store, d => reported += d);

        Assert.True(fetched);
        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
        var ranges = _server.RangeHeaders(path);
        Assert.Equal(2, ranges.Count);
        Assert.Null(ranges[0]);
        Assert.StartsWith("bytes=", ranges[1], StringComparison.Ordinal);
        Assert.NotEqual("bytes=0-", ranges[1]);
        Assert.Equal(content.Length, reported);
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task DownloadBlobAsync_CutInAnEarlierRun_NextRunResumesFromThePartialFile()
    {
        var content = RandomBytes(2 * 1024 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { CutAfterBytes = 512 * 1024, CutTimes = 1 });
        var store = new BlobStore(_root);
        using (var first = Client(Fast with { MaxRetries = 0 }))
        {
            var error = await Assert.ThrowsAsync<RegistryException>(() => first.DownloadBlobAsync(image, blob, store));
            Assert.Equal(RegistryErrorKind.Network, error.Kind);
        }

        Assert.False(store.Has(blob.Digest));
        Assert.Single(Directory.GetFiles(store.IngestDirectory));
        using var second = Client();

        await second.DownloadBlobAsync(image, blob, store);

        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
        Assert.Matches("^bytes=[1-9][0-9]*-$", _server.RangeHeaders(path)[^1]);
    }

    [Fact]
    public async Task DownloadBlobAsync_ServerIgnoresRange_StartsOverAndStoresRightBytes()
    {
        var content = RandomBytes(1024 * 1024);
        var (image, blob, _) = Blob(content, new FaultBehavior { CutAfterBytes = 300 * 1024, IgnoreRange = true });
        using var client = Client();
        var store = new BlobStore(_root);

        await client.DownloadBlobAsync(image, blob, store);

        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
    }

    [Fact]
    public async Task DownloadBlobAsync_Transient500s_RetriedWithBackoff()
    {
        var content = RandomBytes(10_000);
        var (image, blob, path) = Blob(content, new FaultBehavior { FailFirst = 2 });
        using var client = Client();
        var store = new BlobStore(_root);

        await client.DownloadBlobAsync(image, blob, store);

        Assert.True(store.Has(blob.Digest));
        Assert.Equal(3, _server.RequestCount(path));
    }

    [Fact]
    public async Task DownloadBlobAsync_Persistent500_HttpErrorNamingStatusAndNothingStored()
    {
        var content = RandomBytes(10_000);
        var (image, blob, path) = Blob(content, new FaultBehavior { FailFirst = 100, FailStatus = 503 });
        using var client = Client();
        var store = new BlobStore(_root);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(RegistryErrorKind.HttpError, error.Kind);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(Fast.MaxRetries + 1, _server.RequestCount(path));
        Assert.Empty(store.EnumerateDigests());
    }

    [Fact]
    public async Task DownloadBlobAsync_WrongContent_DigestMismatchAndNothingStored()
    {
        var content = RandomBytes(50_000);
        var lie = RandomBytes(50_001).AsSpan(0, 50_000).ToArray();
        var (image, blob, _) = Blob(content, served: lie);
        using var client = Client();
        var store = new BlobStore(_root);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
        Assert.Contains(blob.Digest, error.Message, StringComparison.Ordinal);
        Assert.Empty(store.EnumerateDigests());
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task DownloadBlobAsync_BodyLargerThanDescriptor_RefusedAndNothingStored()
    {
        var content = RandomBytes(1000);
        var (image, blob, _) = Blob(content, served: RandomBytes(5000));
        using var client = Client();
        var store = new BlobStore(_root);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
        Assert.Empty(store.EnumerateDigests());
    }

    [Fact]
    public async Task DownloadBlobAsync_SlowButSteady_Completes()
    {
        var content = RandomBytes(128 * 1024);
        var (image, blob, _) = Blob(content, new FaultBehavior { ChunkDelay = TimeSpan.FromMilliseconds(30) });
        using var client = Client(Fast with { ReadIdleTimeout = TimeSpan.FromSeconds(5) });
        var store = new BlobStore(_root);

        await client.DownloadBlobAsync(image, blob, store);

        Assert.True(store.Has(blob.Digest));
    }

    [Fact]
    public async Task DownloadBlobAsync_Stalled_TreatedAsCutAndGivesUpWithNetworkError()
    {
        var content = RandomBytes(64 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { ChunkDelay = TimeSpan.FromSeconds(3) });
        using var client = Client(Fast with { ReadIdleTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 });
        var store = new BlobStore(_root);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(RegistryErrorKind.Network, error.Kind);
        Assert.True(_server.RequestCount(path) >= 2);
        Assert.False(store.Has(blob.Digest));
    }

    [Fact]
    public async Task GetManifestAsync_DockerContentDigestDisagrees_DigestMismatch()
    {
        var manifest = EmptyManifest();
        _server.Serve("/v2/team/app/manifests/1", manifest, new FaultBehavior
        {
            ContentType = MediaTypes.OciManifest,
            Headers = new Dictionary<string, string> { ["Docker-Content-Digest"] = "sha256:" + new string('9', 64) },
        });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{_server.Host}/team/app:1")));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
    }

    [Fact]
    public async Task GetManifestAsync_ByDigestWithOtherContent_DigestMismatch()
    {
        var manifest = EmptyManifest();
        var claimed = "sha256:" + new string('7', 64);
        _server.Serve($"/v2/team/app/manifests/{claimed}", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{_server.Host}/team/app@{claimed}")));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
    }

    [Fact]
    public async Task GetManifestAsync_HugeManifest_Refused()
    {
        var huge = new byte[ManifestParser.MaxManifestBytes + 10];
        _server.Serve("/v2/team/app/manifests/big", huge, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{_server.Host}/team/app:big")));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public async Task BlobDownloader_PlainUrlCutTwice_ResumedAndVerified()
    {
        var content = RandomBytes(700_000);
        var digest = ContentDigest.Compute(content);
        _server.Serve("/assets/tool.tgz", content, new FaultBehavior { CutAfterBytes = 200_000, CutTimes = 2 });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/assets/tool.tgz"), store, digest, content.Length, retry: Fast);

        Assert.Equal(digest, stored);
        Assert.Equal(3, _server.RequestCount("/assets/tool.tgz"));
        Assert.Equal(content, await store.ReadAllBytesAsync(digest));
    }

    [Fact]
    public async Task BlobDownloader_UnknownDigest_StoresAndReturnsComputedDigest()
    {
        var content = RandomBytes(12345);
        _server.Serve("/assets/free.bin", content);
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/assets/free.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), stored);
    }

    [Fact]
    public async Task BlobDownloader_404_NotFoundKind()
    {
        using var http = new HttpClient(ProxySettings.None.CreateHandler());

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/missing?token=secret-query"), new BlobStore(_root), retry: Fast));

        Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
        Assert.DoesNotContain("secret-query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobDownloader_NoDigestCutWithETag_ResumedWithIfRange()
    {
        var content = RandomBytes(400_000);
        _server.Serve("/assets/etag.bin", content, new FaultBehavior
        {
            CutAfterBytes = 100_000,
            Headers = new Dictionary<string, string> { ["ETag"] = "\"v1\"" },
        });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/assets/etag.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), stored);
        Assert.StartsWith("bytes=", _server.RangeHeaders("/assets/etag.bin")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobDownloader_NoDigestCutWithoutValidator_StartsOverRatherThanGlue()
    {
        var content = RandomBytes(400_000);
        _server.Serve("/assets/plain.bin", content, new FaultBehavior { CutAfterBytes = 100_000 });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/assets/plain.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), stored);
        Assert.Equal(content, await store.ReadAllBytesAsync(stored));
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task FetchAsync_CutInOneRun_NextRunResumesTheSameVersionWithIfRange()
    {
        var content = RandomBytes(400_000);
        _server.Serve("/assets/run.bin", content, new FaultBehavior { CutAfterBytes = 100_000, ETag = "\"v1\"" });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);
        var request = new BlobDownloadRequest { Url = new Uri(_server.BaseUri, "/assets/run.bin") };

        var cut = await Assert.ThrowsAsync<RegistryException>(() => BlobDownloader.FetchAsync(http, request, store, retry: Fast with { MaxRetries = 0 }));
        Assert.Equal(RegistryErrorKind.Network, cut.Kind);
        var kept = Directory.GetFiles(store.IngestDirectory).Order().ToArray();
        Assert.Equal(2, kept.Length); // the partial data and its validator
        Assert.Equal("\"v1\"", await File.ReadAllTextAsync(Assert.Single(kept, f => f.EndsWith(".validator", StringComparison.Ordinal))));

        var result = await BlobDownloader.FetchAsync(http, request, store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), result.Digest);
        Assert.True(result.Downloaded);
        Assert.Equal(content, await store.ReadAllBytesAsync(result.Digest!));
        var resumed = _server.Requests.Last(r => r.Path == "/assets/run.bin");
        Assert.Equal(206, resumed.Status);
        Assert.InRange(long.Parse(resumed.Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture), 1, 100_000);
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task FetchAsync_ContentChangedBetweenRuns_IfRangeFailsAndTheNewVersionIsFetchedWhole()
    {
        var old = RandomBytes(300_000);
        var changed = RandomBytes(300_000);
        _server.Serve("/assets/moving.bin", old, new FaultBehavior { CutAfterBytes = 150_000, ETag = "\"old\"" });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);
        var request = new BlobDownloadRequest { Url = new Uri(_server.BaseUri, "/assets/moving.bin") };
        await Assert.ThrowsAsync<RegistryException>(() => BlobDownloader.FetchAsync(http, request, store, retry: Fast with { MaxRetries = 0 }));
        _server.Serve("/assets/moving.bin", changed, new FaultBehavior { ETag = "\"new\"" });

        var result = await BlobDownloader.FetchAsync(http, request, store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(changed), result.Digest); // never old bytes glued to new ones
        Assert.Equal("\"new\"", result.ETag);
        Assert.Equal(200, _server.Requests.Last(r => r.Path == "/assets/moving.bin").Status);
    }

    [Fact]
    public async Task FetchAsync_ConditionalRequestAnswered304_NotModifiedAndNothingWritten()
    {
        var content = RandomBytes(5000);
        var modified = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        _server.Serve("/assets/same.bin", content, new FaultBehavior { ETag = "\"same\"", LastModified = modified, ContentType = "text/plain" });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);
        var url = new Uri(_server.BaseUri, "/assets/same.bin");
        var first = await BlobDownloader.FetchAsync(http, new BlobDownloadRequest { Url = url }, store);

        var byEtag = await BlobDownloader.FetchAsync(http, new BlobDownloadRequest { Url = url, IfNoneMatch = first.ETag, IfModifiedSince = first.LastModified }, store);
        var byDate = await BlobDownloader.FetchAsync(http, new BlobDownloadRequest { Url = url, IfModifiedSince = first.LastModified }, store);

        Assert.Equal(("\"same\"", modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "text/plain", 5000L), (first.ETag, first.LastModified, first.MediaType, first.Size));
        Assert.True(byEtag.NotModified);
        Assert.True(byDate.NotModified);
        Assert.Null(byEtag.Digest);
        Assert.Equal([200, 304, 304], _server.Requests.Where(r => r.Path == "/assets/same.bin").Select(r => r.Status));
        Assert.Equal(("\"same\"", ""), (_server.Requests.ElementAt(1).IfNoneMatch, _server.Requests.ElementAt(2).IfNoneMatch));
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
        Assert.Single(store.EnumerateDigests());
    }

    [Fact]
    public async Task FetchAsync_ExpectedDigestStored_NoRequestUnlessTheUrlMustProveIt()
    {
        var content = RandomBytes(2000);
        var digest = ContentDigest.Compute(content);
        _server.Serve("/assets/known.bin", content);
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);
        await store.ImportAsync(content);
        var request = new BlobDownloadRequest { Url = new Uri(_server.BaseUri, "/assets/known.bin"), ExpectedDigest = digest };

        var reused = await BlobDownloader.FetchAsync(http, request, store);
        Assert.Equal(0, _server.RequestCount("/assets/known.bin"));
        var proven = await BlobDownloader.FetchAsync(http, request with { ReuseStored = false }, store);

        Assert.Equal((digest, false, 2000L), (reused.Digest, reused.Downloaded, reused.Size));
        Assert.Equal((digest, true), (proven.Digest, proven.Downloaded));
        Assert.Equal(1, _server.RequestCount("/assets/known.bin"));
    }

    [Fact]
    public async Task DownloadBlobAsync_SameBlobTwiceAtOnce_FetchedOnce()
    {
        var content = RandomBytes(256 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { ChunkDelay = TimeSpan.FromMilliseconds(20) });
        using var client = Client();
        var store = new BlobStore(_root);

        var results = await Task.WhenAll(client.DownloadBlobAsync(image, blob, store), client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(1, _server.RequestCount(path));
        Assert.Equal(1, results.Count(fetched => fetched));
        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
    }

    [Fact]
    public async Task ListTagsAsync_HostileHugeBody_RefusedWithoutBufferingIt()
    {
        var huge = Encoding.UTF8.GetBytes("{\"tags\":[\"" + new string('a', 17 * 1024 * 1024) + "\"]}");
        _server.Serve("/v2/team/app/tags/list", huge, new FaultBehavior { ContentType = "application/json" });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(ImageReference.Parse($"{_server.Host}/team/app:1")));

        Assert.Equal(RegistryErrorKind.HttpError, error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_ManifestWithTooManyLayers_InvalidManifest()
    {
        var layer = $$"""{"mediaType":"{{MediaTypes.OciLayerGzip}}","digest":"sha256:{{new string('2', 64)}}","size":1}""";
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"sha256:{{new string('1', 64)}}","size":2},"layers":[{{string.Join(',', Enumerable.Repeat(layer, ManifestParser.MaxLayers + 1))}}]}""");
        _server.Serve("/v2/team/app/manifests/many", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(ImageReference.Parse($"{_server.Host}/team/app:many")));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_IndexEntryWithWrongSize_DigestMismatch()
    {
        var manifest = EmptyManifest();
        var digest = ContentDigest.Compute(manifest);
        var index = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{digest}}}","size":{{{manifest.Length + 5}}},"platform":{"os":"linux","architecture":"amd64"}}]}""");
        _server.Serve("/v2/team/app/manifests/idx", index, new FaultBehavior { ContentType = MediaTypes.OciIndex });
        _server.Serve($"/v2/team/app/manifests/{digest}", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(ImageReference.Parse($"{_server.Host}/team/app:idx")));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
    }

    [Fact]
    public async Task DownloadBlobAsync_429WithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        var content = RandomBytes(2048);
        var (image, blob, path) = Blob(content, new FaultBehavior
        {
            FailFirst = 1,
            FailStatus = 429,
            Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
        });
        using var client = Client();
        var store = new BlobStore(_root);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await client.DownloadBlobAsync(image, blob, store);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
        Assert.Equal(2, _server.RequestCount(path));
        Assert.True(store.Has(blob.Digest));
    }
}
