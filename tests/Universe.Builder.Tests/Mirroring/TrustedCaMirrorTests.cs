using System.Security.Cryptography.X509Certificates;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Packages;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// <c>--ca-file</c>: an https upstream on loopback whose certificate an internal CA issued (made in the test), directly
/// and through squid's CONNECT: refused with a clear cause without the CA, mirrored with it.
/// </summary>
public sealed class TrustedCaMirrorTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Asset = "asset behind an internal CA"u8.ToArray();
    private readonly MirrorHarness _harness = new();
    private readonly TestCertificateAuthority _ca = new();
    private X509Certificate2 _certificate = null!;
    private FaultyHttpServer _upstream = null!;
    private string _caFile = null!;

    public async Task InitializeAsync()
    {
        _certificate = _ca.IssueLoopbackServer();
        _upstream = await FaultyHttpServer.StartAsync(_certificate);
        _upstream.Serve("/dist/asset.bin", Asset);
        _caFile = _ca.WriteCaPem(Path.Combine(_harness.Root, "internal-ca.pem"));
        _harness.AddPackage("internal", "1.0", 0, MirrorRunnerTests.Resource(assets: [AssetUrl]));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    public void Dispose()
    {
        _certificate.Dispose();
        _ca.Dispose();
        _harness.Dispose();
    }

    private string AssetUrl => new Uri(_upstream.BaseUri, "dist/asset.bin").ToString();

    [Fact]
    public async Task Mirror_HttpsAssetFromInternalCa_RefusedWithoutCaFileThenMirroredWithIt()
    {
        var refused = await _harness.MirrorAsync(_harness.Args());
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages[0].Failures);
        var served = _upstream.RequestCount("/dist/asset.bin");

        var trusted = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(null, null, [_caFile])));
        var manifest = await _harness.ManifestAsync();

        Assert.Equal(ExitCodes.Findings, refused);
        Assert.Equal(FailureCause.Network, failure.Cause);
        Assert.Contains("not trusted", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("--ca-file", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, served);
        Assert.True(trusted == ExitCodes.Success, _harness.Output.ToString());
        Assert.Empty(manifest.Packages[0].Failures);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(Asset), manifest.Resources[AssetUrl].Digest);
    }

    [Fact]
    public async Task Mirror_HttpsRepoJsonSourceFromInternalCa_NeedsTheCaFile()
    {
        var packages = UniverseTreeReader.Read(Path.Combine(_harness.Source, "repo", "packages")).Packages;
        _upstream.Serve("/repo.json", await RepoIndexWriter.ToBytesAsync(packages));
        var source = new Uri(_upstream.BaseUri, "repo.json").ToString();

        var refused = await _harness.MirrorAsync(_harness.Args() with { Source = source });
        var refusal = _harness.Error.ToString();
        var trusted = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(null, null, [_caFile])) with { Source = source });

        Assert.Equal(ExitCodes.Usage, refused);
        Assert.Contains("not trusted", refusal, StringComparison.Ordinal);
        Assert.Contains("--ca-file", refusal, StringComparison.Ordinal);
        Assert.True(trusted == ExitCodes.Success, _harness.Output + _harness.Error.ToString());
        Assert.Equal("sha256:" + UpstreamServer.Sha256(Asset), (await _harness.ManifestAsync()).Resources[AssetUrl].Digest);
    }

    [Fact]
    public async Task Mirror_CaFileMissingOrNotPem_IsAUsageErrorNamingIt()
    {
        var notPem = Path.Combine(_harness.Root, "not-a-ca.pem");
        await File.WriteAllTextAsync(notPem, "just text\n");

        var missing = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(null, null, [Path.Combine(_harness.Root, "absent.pem")])));
        var missingError = _harness.Error.ToString();
        var empty = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(null, null, [notPem])));

        Assert.Equal(ExitCodes.Usage, missing);
        Assert.Contains("absent.pem", missingError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, empty);
        Assert.Contains("holds no PEM certificate", _harness.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _upstream.RequestCount("/dist/asset.bin"));
    }

    [RegistryFact("squid")]
    public async Task Mirror_HttpsAssetThroughSquidConnect_TrustsTheCaFileAndSquidTunnelsForTheUser()
    {
        await using var squid = await SquidProxy.StartAsync();
        var credentials = Path.Combine(_harness.Root, "proxy-credentials");
        await File.WriteAllTextAsync(credentials, $"{squid.Username}:{squid.Password}\n");

        var refused = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(squid.Url.ToString(), credentials)));
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages[0].Failures);
        var trusted = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(squid.Url.ToString(), credentials, [_caFile])));
        var log = await squid.WaitForLogAsync("TCP_TUNNEL/200");

        Assert.Equal(ExitCodes.Findings, refused);
        Assert.Contains("not trusted", failure.Detail, StringComparison.Ordinal);
        Assert.True(trusted == ExitCodes.Success, _harness.Output.ToString());
        Assert.Contains($"TCP_TUNNEL/200", log, StringComparison.Ordinal);
        Assert.Contains($"CONNECT {_upstream.Host} {squid.Username}", log, StringComparison.Ordinal);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(Asset), (await _harness.ManifestAsync()).Resources[AssetUrl].Digest);
        Assert.DoesNotContain(squid.Password, _harness.Output + _harness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UniverseMirror_SslCertFileNamingTheCa_IsHonouredWithoutCaFile()
    {
        var withCa = await RunUniverseAsync(new Dictionary<string, string> { ["SSL_CERT_FILE"] = _caFile, ["SSL_CERT_DIR"] = Path.Combine(_harness.Root, "no-such-dir") });
        var manifest = await _harness.ManifestAsync();
        var elsewhere = Path.Combine(_harness.Root, "other-ca.pem");
        using (var other = new TestCertificateAuthority("Another CA"))
        {
            other.WriteCaPem(elsewhere);
        }

        Directory.Delete(_harness.Bundle, recursive: true);
        var withOther = await RunUniverseAsync(new Dictionary<string, string> { ["SSL_CERT_FILE"] = elsewhere, ["SSL_CERT_DIR"] = Path.Combine(_harness.Root, "no-such-dir") });

        Assert.True(withCa.Exit == ExitCodes.Success, withCa.Output);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(Asset), manifest.Resources[AssetUrl].Digest);
        Assert.True(withOther.Exit == ExitCodes.Findings, withOther.Output);
        Assert.Contains("not trusted", withOther.Output, StringComparison.Ordinal);
    }

    private Task<(int Exit, string Output)> RunUniverseAsync(IDictionary<string, string> environment) =>
        UniverseProcess.RunAsync(["mirror", "--source", _harness.Source, "--out", _harness.Bundle, "--retries", "1"], environment);
}
