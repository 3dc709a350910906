using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

public sealed class RegistryTransportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-transport-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RetryPolicy Fast => new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1 };

    [Fact]
    public async Task SelfSignedHttps_TrustedOnlyWithCaFileOrInsecure()
    {
        var (certificate, pem) = FaultyHttpServer.CreateLoopbackCertificate();
        using var _ = certificate;
        await using var server = await FaultyHttpServer.StartAsync(certificate);
        var content = new byte[4096];
        new Random(3).NextBytes(content);
        var digest = ContentDigest.Compute(content);
        server.Serve($"/v2/team/tls/blobs/{digest}", content);
        var caFile = Path.Combine(_root, "ca.pem");
        await File.WriteAllTextAsync(caFile, pem);
        var image = ImageReference.Parse($"{server.Host}/team/tls:1");
        var blob = new Descriptor(MediaTypes.OciLayer, digest, content.Length);
        RegistryClient Client(RegistryHostSettings? host)
        {
            var registries = new RegistrySettings();
            if (host is not null)
            {
                registries.Hosts[server.Host] = host;
            }

            return new RegistryClient(new RegistryClientOptions { Registries = registries, Retry = Fast });
        }

        using var plain = Client(null);
        using var withCa = Client(new RegistryHostSettings { CaFile = caFile });
        using var insecure = Client(new RegistryHostSettings { Insecure = true });

        var refused = await Assert.ThrowsAsync<RegistryException>(() => plain.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "a"))));
        Assert.True(await withCa.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "b"))));
        Assert.True(await insecure.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "c"))));
        Assert.Equal(RegistryErrorKind.InsecureRefused, refused.Kind);
        Assert.Contains("CaFile", refused.Message, StringComparison.Ordinal);
        Assert.False(new BlobStore(Path.Combine(_root, "a")).Has(digest));
    }

    [Fact]
    public async Task PlainHttpMirrorOnNonLoopbackHost_RefusedUnlessInsecure_AndTheErrorNamesBoth()
    {
        var closedPort = RegistryTools.FreePort();
        var registries = new RegistrySettings();
        registries.Hosts[$"127.0.0.1:{closedPort}"] = new RegistryHostSettings { Mirror = "http://mirror.invalid:5000" };
        using var client = new RegistryClient(new RegistryClientOptions { Registries = registries, Retry = Fast });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"127.0.0.1:{closedPort}/team/app:1")));

        Assert.Equal(RegistryErrorKind.Network, error.Kind);
        Assert.Contains("mirror.invalid:5000", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither loopback nor marked Insecure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_LacksImage_FallsBackToUpstream()
    {
        await using var mirror = await FaultyHttpServer.StartAsync();
        await using var upstream = await FaultyHttpServer.StartAsync();
        var manifest = System.Text.Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"sha256:{{new string('1', 64)}}","size":2},"layers":[]}""");
        upstream.Serve("/v2/team/app/manifests/1", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        var registries = new RegistrySettings();
        registries.Hosts[upstream.Host] = new RegistryHostSettings { Mirror = mirror.Host };
        using var client = new RegistryClient(new RegistryClientOptions { Registries = registries, Retry = Fast });

        var fetched = await client.GetManifestAsync(ImageReference.Parse($"{upstream.Host}/team/app:1"));

        Assert.Equal(ContentDigest.Compute(manifest), fetched.Digest);
        Assert.Equal(1, mirror.RequestCount("/v2/team/app/manifests/1"));
        Assert.Equal(1, upstream.RequestCount("/v2/team/app/manifests/1"));
    }
}
