using System.Security.Cryptography.X509Certificates;
using Universe.Builder.Bundles;
using Universe.Builder.Certificates;
using Universe.Builder.Serving;
using Universe.Builder.Tests.TestSupport;

namespace Universe.Builder.Tests.Certificates;

/// <summary>The generated server certificate of <c>universe serve &lt;bundle&gt;</c> follows <c>--public-url</c>.</summary>
public sealed class ServerCertificatesTests : IDisposable
{
    private readonly TempRoot _root = new("serve-certs-");

    public void Dispose() => _root.Dispose();

    private static string[] Names(X509Certificate2 certificate) =>
    [
        .. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()
            .Concat(e.EnumerateIPAddresses().Select(ip => ip.ToString()))),
    ];

    [Fact]
    public async Task Serve_PublicUrlNamesAHostTheGeneratedCertificateLacks_ReissuedFromTheSameCaAndSaidSo()
    {
        var bundle = _root.In("bundle");
        var tls = _root.In("tls");
        await new BundleManifest().WriteAsync(Directory.CreateDirectory(bundle).FullName, CancellationToken.None);
        ServerCertificates.LoadOrCreate(tls, ["old.example"], TimeProvider.System).Dispose();
        using var caBefore = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.CaFile));
        var options = new BundleServeOptions(bundle, "https://new.example:8443", null, null, tls);

        var first = await BundleServeRun.UntilServingAsync(options, "https://127.0.0.1:0");
        var second = await BundleServeRun.UntilServingAsync(options, "https://127.0.0.1:0");
        using var server = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.ServerFile));
        using var caAfter = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.CaFile));

        Assert.Equal(0, first.Exit);
        Assert.Contains("Reissued the server certificate", first.Output, StringComparison.Ordinal);
        Assert.Contains("new.example", first.Output, StringComparison.Ordinal);
        Assert.Contains("Serving", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Reissued", second.Output, StringComparison.Ordinal);
        Assert.Contains("new.example", Names(server));
        Assert.Contains("old.example", Names(server));
        Assert.Equal(caBefore.Thumbprint, caAfter.Thumbprint);
        Assert.Equal(caBefore.Subject, server.Issuer);
    }

    [Fact]
    public async Task Serve_NewHostAndTheCaKeyIsGone_ReissuedWithANewCaAndSaysClustersNeedIt()
    {
        var bundle = _root.In("bundle");
        var tls = _root.In("tls");
        await new BundleManifest().WriteAsync(Directory.CreateDirectory(bundle).FullName, CancellationToken.None);
        ServerCertificates.LoadOrCreate(tls, ["old.example"], TimeProvider.System).Dispose();
        File.Delete(Path.Combine(tls, ServerCertificates.CaKeyFile));

        var run = await BundleServeRun.UntilServingAsync(new BundleServeOptions(bundle, "https://new.example", null, null, tls), "https://127.0.0.1:0");
        using var server = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.ServerFile));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.CaFile));

        Assert.Equal(0, run.Exit);
        Assert.Contains("with a new CA", run.Output, StringComparison.Ordinal);
        Assert.Contains("clusters must be given the new CA", run.Output, StringComparison.Ordinal);
        Assert.Contains("new.example", Names(server));
        Assert.Equal(ca.Subject, server.Issuer);
    }

    [Fact]
    public void LoadOrCreate_IpAddressAlreadyCoveredInAnotherSpelling_NotReissued()
    {
        var tls = _root.In("tls");
        ServerCertificates.LoadOrCreate(tls, ["fd00::1"], TimeProvider.System).Dispose();
        var before = File.ReadAllText(Path.Combine(tls, ServerCertificates.ServerFile));

        using var again = ServerCertificates.LoadOrCreate(tls, ["fd00:0:0::1", "LOCALHOST"], TimeProvider.System);

        Assert.Equal(before, File.ReadAllText(Path.Combine(tls, ServerCertificates.ServerFile)));
    }
}
