using System.Text;
using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>Servers that break the protocol in ways a download must survive without looping, splicing or crashing.</summary>
public sealed class DownloadProtocolTests : IAsyncLifetime
{
    private static readonly RetryPolicy Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 3 };
    private readonly string _root = Directory.CreateTempSubdirectory("universe-protocol-").FullName;
    private FaultyHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FaultyHttpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task BlobDownloader_206ForAnotherRangeEveryTime_FailsAfterTheRetriesInsteadOfLooping()
    {
        _server.Serve("/assets/broken.bin", Bytes(50_000, 1), new FaultBehavior { WrongPartial = true });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);

        var download = BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/assets/broken.bin"), store, retry: Fast);
        var error = await Assert.ThrowsAsync<RegistryException>(() => download.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(RegistryErrorKind.Network, error.Kind);
        Assert.Contains("206", error.Message, StringComparison.Ordinal);
        Assert.Equal(Fast.MaxRetries + 1, _server.RequestCount("/assets/broken.bin"));
        Assert.Empty(store.EnumerateDigests());
    }

    [Fact]
    public async Task BlobDownloader_NoValidatorCutThenContentChanged_StoresTheNewVersionWholeNeverASplice()
    {
        // No ETag, no Last-Modified: nothing proves the bytes after a cut belong to the same version, so the resume
        // must start over; a Range request here would glue v1's first 100 kB to v2's rest.
        var v1 = Bytes(400_000, 2);
        var v2 = Bytes(400_000, 3);
        _server.Serve("/assets/moving.bin", v1, new FaultBehavior { CutAfterBytes = 100_000, ContentAfterCut = v2 });
        using var http = new HttpClient(ProxySettings.None.CreateHandler());
        var store = new BlobStore(_root);

        var stored = await BlobDownloader.DownloadAsync(http, new Uri(_server.BaseUri, "/assets/moving.bin"), store, retry: Fast);

        Assert.Equal(ContentDigest.Compute(v2), stored);
        Assert.Equal(v2, await store.ReadAllBytesAsync(stored));
        Assert.All(_server.RangeHeaders("/assets/moving.bin"), Assert.Null);
        Assert.Equal([stored], store.EnumerateDigests());
    }

    [Theory]
    [InlineData("\"123\"")]
    [InlineData("12.5")]
    [InlineData("-1")]
    [InlineData("null")]
    [InlineData("1e400")]
    public void ParseIndex_SizeNotAWholeNumber_IsAnInvalidManifestNotACrash(string size)
    {
        var index = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciIndex}}","manifests":[{"mediaType":"{{MediaTypes.OciManifest}}","digest":"sha256:{{new string('a', 64)}}","size":{{size}}}]}""");

        var error = Assert.Throws<RegistryException>(() => ManifestParser.ParseIndex(index, MediaTypes.OciIndex));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
        Assert.Contains("manifests[0].size", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void DetectMediaType_OddSchemaVersion_IsAnInvalidManifestNotACrash(string version)
    {
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":{{version}}}""");

        var error = Assert.Throws<RegistryException>(() => ManifestParser.DetectMediaType(manifest, null));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
