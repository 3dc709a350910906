using Universe.Testing.Registry;
namespace Universe.Registry.Tests;

/// <summary><see cref="RegistryClient.DownloadBlobAsync"/> against a registry that cuts, fails, lies, stalls or throttles: resumed, retried, verified, or refused with nothing stored.</summary>
public sealed class RegistryBlobFaultTests : FaultyRegistryTestBase
{
    [Fact]
    public async Task DownloadBlobAsync_ConnectionCutMidway_ResumedWithRangeAndVerified()
    {
        var content = RandomBytes(3 * 1024 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { CutAfterBytes = 1024 * 1024 });
        using var client = Client();
        var store = new BlobStore(Root);
        long reported = 0;

        var fetched = await client.DownloadBlobAsync(image, blob, store, d => reported += d);

        Assert.True(fetched);
        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
        var ranges = Server.RangeHeaders(path);
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
        var store = new BlobStore(Root);
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
        Assert.Matches("^bytes=[1-9][0-9]*-$", Server.RangeHeaders(path)[^1]);
    }

    [Fact]
    public async Task DownloadBlobAsync_ServerIgnoresRange_StartsOverAndStoresRightBytes()
    {
        var content = RandomBytes(1024 * 1024);
        var (image, blob, _) = Blob(content, new FaultBehavior { CutAfterBytes = 300 * 1024, IgnoreRange = true });
        using var client = Client();
        var store = new BlobStore(Root);

        await client.DownloadBlobAsync(image, blob, store);

        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
    }

    [Fact]
    public async Task DownloadBlobAsync_Transient500s_RetriedWithBackoff()
    {
        var content = RandomBytes(10_000);
        var (image, blob, path) = Blob(content, new FaultBehavior { FailFirst = 2 });
        using var client = Client();
        var store = new BlobStore(Root);

        await client.DownloadBlobAsync(image, blob, store);

        Assert.True(store.Has(blob.Digest));
        Assert.Equal(3, Server.RequestCount(path));
    }

    [Fact]
    public async Task DownloadBlobAsync_Persistent500_HttpErrorNamingStatusAndNothingStored()
    {
        var content = RandomBytes(10_000);
        var (image, blob, path) = Blob(content, new FaultBehavior { FailFirst = 100, FailStatus = 503 });
        using var client = Client();
        var store = new BlobStore(Root);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(RegistryErrorKind.HttpError, error.Kind);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(Fast.MaxRetries + 1, Server.RequestCount(path));
        Assert.Empty(store.EnumerateDigests());
    }

    [Fact]
    public async Task DownloadBlobAsync_WrongContent_DigestMismatchAndNothingStored()
    {
        var content = RandomBytes(50_000);
        var lie = RandomBytes(50_001).AsSpan(0, 50_000).ToArray();
        var (image, blob, _) = Blob(content, served: lie);
        using var client = Client();
        var store = new BlobStore(Root);

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
        var store = new BlobStore(Root);

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
        var store = new BlobStore(Root);

        await client.DownloadBlobAsync(image, blob, store);

        Assert.True(store.Has(blob.Digest));
    }

    [Fact]
    public async Task DownloadBlobAsync_Stalled_TreatedAsCutAndGivesUpWithNetworkError()
    {
        var content = RandomBytes(64 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { ChunkDelay = TimeSpan.FromSeconds(3) });
        using var client = Client(Fast with { ReadIdleTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 });
        var store = new BlobStore(Root);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(RegistryErrorKind.Network, error.Kind);
        Assert.True(Server.RequestCount(path) >= 2);
        Assert.False(store.Has(blob.Digest));
    }

    [Fact]
    public async Task DownloadBlobAsync_SameBlobTwiceAtOnce_FetchedOnce()
    {
        var content = RandomBytes(256 * 1024);
        var (image, blob, path) = Blob(content, new FaultBehavior { ChunkDelay = TimeSpan.FromMilliseconds(20) });
        using var client = Client();
        var store = new BlobStore(Root);

        var results = await Task.WhenAll(client.DownloadBlobAsync(image, blob, store), client.DownloadBlobAsync(image, blob, store));

        Assert.Equal(1, Server.RequestCount(path));
        Assert.Equal(1, results.Count(fetched => fetched));
        Assert.Equal(content, await store.ReadAllBytesAsync(blob.Digest));
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
        var store = new BlobStore(Root);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await client.DownloadBlobAsync(image, blob, store);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}");
        Assert.Equal(2, Server.RequestCount(path));
        Assert.True(store.Has(blob.Digest));
    }
}
