using System.Security.Cryptography.X509Certificates;
using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>Extra trusted CAs for every registry (<see cref="RegistryClientOptions.TrustedRoots"/>), against an https server whose certificate a test CA issued.</summary>
public sealed class TrustedRootsTests : IAsyncLifetime, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-trusted-roots-").FullName;
    private readonly TestCertificateAuthority _ca = new();
    private X509Certificate2 _certificate = null!;
    private FaultyHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _certificate = _ca.IssueLoopbackServer();
        _server = await FaultyHttpServer.StartAsync(_certificate);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _certificate.Dispose();
        _ca.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static RegistryClientOptions Options(TrustedRoots roots) =>
        new() { TrustedRoots = roots, Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1 } };

    [Fact]
    public async Task DownloadBlob_CertificateFromInternalCa_TrustedOnlyWithTheCaFile()
    {
        var content = "layer behind an internal CA"u8.ToArray();
        var digest = ContentDigest.Compute(content);
        _server.Serve($"/v2/team/internal/blobs/{digest}", content);
        var image = ImageReference.Parse($"{_server.Host}/team/internal:1");
        var blob = new Descriptor(MediaTypes.OciLayerGzip, digest, content.Length);
        using var untrusted = new RegistryClient(Options(TrustedRoots.None));
        using var trusted = new RegistryClient(Options(TrustedRoots.Load([_ca.WriteCaPem(Path.Combine(_root, "ca.pem"))])));

        var refused = await Assert.ThrowsAsync<RegistryException>(() => untrusted.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "a"))));
        await trusted.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "b")));

        Assert.Equal(RegistryErrorKind.InsecureRefused, refused.Kind);
        Assert.Contains("not trusted", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--ca-file", refused.Message, StringComparison.Ordinal);
        Assert.True(new BlobStore(Path.Combine(_root, "b")).Has(digest));
    }

    [Fact]
    public void Validate_AnotherCasCertificateOrAMissingFile_IsRefused()
    {
        using var other = new TestCertificateAuthority("Some Other CA");
        using var foreign = other.IssueLoopbackServer();
        var roots = TrustedRoots.Load([_ca.WriteCaPem(Path.Combine(_root, "ca.pem"))]);

        Assert.True(roots.ValidateForHost(_certificate, validForSystem: false, "127.0.0.1"));
        Assert.False(roots.ValidateForHost(_certificate, validForSystem: false, "registry.example"));
        Assert.False(roots.ValidateForHost(foreign, validForSystem: false, "127.0.0.1"));
        Assert.False(TrustedRoots.None.ValidateForHost(_certificate, validForSystem: false, "127.0.0.1"));
        var missing = Assert.Throws<RegistryException>(() => TrustedRoots.Load([Path.Combine(_root, "absent.pem")]));
        Assert.Contains("absent.pem", missing.Message, StringComparison.Ordinal);
    }
}
