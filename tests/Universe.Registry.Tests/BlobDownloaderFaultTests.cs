using Universe.Testing.Registry;
namespace Universe.Registry.Tests;

/// <summary><see cref="BlobDownloader"/> on plain URLs: cuts resumed (with <c>If-Range</c> when there is a validator), changed content fetched whole, conditional requests, unknown digests.</summary>
public sealed class BlobDownloaderFaultTests : FaultyRegistryTestBase
{
    [Fact]
    public async Task BlobDownloader_PlainUrlCutTwice_ResumedAndVerified()
    {
        var content = RandomBytes(700_000);
        var digest = ContentDigest.Compute(content);
        Server.Serve("/assets/tool.tgz", content, new FaultBehavior { CutAfterBytes = 200_000, CutTimes = 2 });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(Server.BaseUri, "/assets/tool.tgz"), store, digest, content.Length, retry: Fast);

        Assert.Equal(digest, stored);
        Assert.Equal(3, Server.RequestCount("/assets/tool.tgz"));
        Assert.Equal(content, await store.ReadAllBytesAsync(digest));
    }

    [Fact]
    public async Task BlobDownloader_UnknownDigest_StoresAndReturnsComputedDigest()
    {
        var content = RandomBytes(12345);
        Server.Serve("/assets/free.bin", content);
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(Server.BaseUri, "/assets/free.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), stored);
    }

    [Fact]
    public async Task BlobDownloader_404_NotFoundKind()
    {
        using var http = new HttpClient(ProxySettings.None.CreateHandler());

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            BlobDownloader.DownloadAsync(http, new Uri(Server.BaseUri, "/missing?token=secret-query"), new BlobStore(Root), retry: Fast));

        Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
        Assert.DoesNotContain("secret-query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobDownloader_NoDigestCutWithETag_ResumedWithIfRange()
    {
        var content = RandomBytes(400_000);
        Server.Serve("/assets/etag.bin", content, new FaultBehavior
        {
            CutAfterBytes = 100_000,
            Headers = new Dictionary<string, string> { ["ETag"] = "\"v1\"" },
        });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(Server.BaseUri, "/assets/etag.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), stored);
        Assert.StartsWith("bytes=", Server.RangeHeaders("/assets/etag.bin")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobDownloader_NoDigestCutWithoutValidator_StartsOverRatherThanGlue()
    {
        var content = RandomBytes(400_000);
        Server.Serve("/assets/plain.bin", content, new FaultBehavior { CutAfterBytes = 100_000 });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(Server.BaseUri, "/assets/plain.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), stored);
        Assert.Equal(content, await store.ReadAllBytesAsync(stored));
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task FetchAsync_CutInOneRun_NextRunResumesTheSameVersionWithIfRange()
    {
        var content = RandomBytes(400_000);
        Server.Serve("/assets/run.bin", content, new FaultBehavior { CutAfterBytes = 100_000, ETag = "\"v1\"" });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);
        var request = new BlobDownloadRequest { Url = new Uri(Server.BaseUri, "/assets/run.bin") };

        var cut = await Assert.ThrowsAsync<RegistryException>(() => BlobDownloader.FetchAsync(http, request, store, retry: Fast with { MaxRetries = 0 }));
        Assert.Equal(RegistryErrorKind.Network, cut.Kind);
        var kept = Directory.GetFiles(store.IngestDirectory).Order().ToArray();
        Assert.Equal(2, kept.Length); // the partial data and its validator
        Assert.Equal("\"v1\"", await File.ReadAllTextAsync(Assert.Single(kept, f => f.EndsWith(".validator", StringComparison.Ordinal))));

        var result = await BlobDownloader.FetchAsync(http, request, store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(content), result.Digest);
        Assert.True(result.Downloaded);
        Assert.Equal(content, await store.ReadAllBytesAsync(result.Digest!));
        var resumed = Server.Requests.Last(r => r.Path == "/assets/run.bin");
        Assert.Equal(206, resumed.Status);
        Assert.InRange(long.Parse(resumed.Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture), 1, 100_000);
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task FetchAsync_ContentChangedBetweenRuns_IfRangeFailsAndTheNewVersionIsFetchedWhole()
    {
        var old = RandomBytes(300_000);
        var changed = RandomBytes(300_000);
        Server.Serve("/assets/moving.bin", old, new FaultBehavior { CutAfterBytes = 150_000, ETag = "\"old\"" });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);
        var request = new BlobDownloadRequest { Url = new Uri(Server.BaseUri, "/assets/moving.bin") };
        await Assert.ThrowsAsync<RegistryException>(() => BlobDownloader.FetchAsync(http, request, store, retry: Fast with { MaxRetries = 0 }));
        Server.Serve("/assets/moving.bin", changed, new FaultBehavior { ETag = "\"new\"" });

        var result = await BlobDownloader.FetchAsync(http, request, store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(changed), result.Digest); // never old bytes glued to new ones
        Assert.Equal("\"new\"", result.ETag);
        Assert.Equal(200, Server.Requests.Last(r => r.Path == "/assets/moving.bin").Status);
    }

    [Fact]
    public async Task FetchAsync_ConditionalRequestAnswered304_NotModifiedAndNothingWritten()
    {
        var content = RandomBytes(5000);
        var modified = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Server.Serve("/assets/same.bin", content, new FaultBehavior { ETag = "\"same\"", LastModified = modified, ContentType = "text/plain" });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);
        var url = new Uri(Server.BaseUri, "/assets/same.bin");
        var first = await BlobDownloader.FetchAsync(http, new BlobDownloadRequest { Url = url }, store);

        var byEtag = await BlobDownloader.FetchAsync(http, new BlobDownloadRequest { Url = url, IfNoneMatch = first.ETag, IfModifiedSince = first.LastModified }, store);
        var byDate = await BlobDownloader.FetchAsync(http, new BlobDownloadRequest { Url = url, IfModifiedSince = first.LastModified }, store);

        Assert.Equal(("\"same\"", modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "text/plain", 5000L), (first.ETag, first.LastModified, first.MediaType, first.Size));
        Assert.True(byEtag.NotModified);
        Assert.True(byDate.NotModified);
        Assert.Null(byEtag.Digest);
        Assert.Equal([200, 304, 304], Server.Requests.Where(r => r.Path == "/assets/same.bin").Select(r => r.Status));
        Assert.Equal(("\"same\"", ""), (Server.Requests.ElementAt(1).IfNoneMatch, Server.Requests.ElementAt(2).IfNoneMatch));
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
        Assert.Single(store.EnumerateDigests());
    }

    [Fact]
    public async Task FetchAsync_ExpectedDigestStored_NoRequestUnlessTheUrlMustProveIt()
    {
        var content = RandomBytes(2000);
        var digest = ContentDigest.Compute(content);
        Server.Serve("/assets/known.bin", content);
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(Root);
        await store.ImportAsync(content);
        var request = new BlobDownloadRequest { Url = new Uri(Server.BaseUri, "/assets/known.bin"), ExpectedDigest = digest };

        var reused = await BlobDownloader.FetchAsync(http, request, store);
        Assert.Equal(0, Server.RequestCount("/assets/known.bin"));
        var proven = await BlobDownloader.FetchAsync(http, request with { ReuseStored = false }, store);

        Assert.Equal((digest, false, 2000L), (reused.Digest, reused.Downloaded, reused.Size));
        Assert.Equal((digest, true), (proven.Digest, proven.Downloaded));
        Assert.Equal(1, Server.RequestCount("/assets/known.bin"));
    }
}
