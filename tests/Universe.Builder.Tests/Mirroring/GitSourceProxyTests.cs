using System.Security.Cryptography.X509Certificates;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Tests.Repositories;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// <c>universe mirror --source git+https://…</c> through squid with basic auth: libgit2 tunnels with CONNECT and the proxy
/// credentials, trusts the <c>--ca-file</c> CA, and a plain-http remote that would bypass the proxy is refused.
/// The git server is git's own <c>http-backend</c> behind Kestrel, on loopback.
/// </summary>
public sealed class GitSourceProxyTests : IAsyncLifetime, IDisposable
{
    private const string User = "gitproxyuser";
    private const string Password = "g1t-Proxy-Pw";
    private static readonly byte[] Asset = "asset of a package from git"u8.ToArray();
    private readonly MirrorHarness _harness = new();
    private readonly TestCertificateAuthority _ca = new();
    private X509Certificate2 _certificate = null!;
    private UpstreamServer _upstream = null!;
    private GitHttpServer _https = null!;
    private GitHttpServer _http = null!;
    private SquidProxy _squid = null!;
    private string _caFile = null!;
    private string _credentials = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("asset.bin", Asset);
        _harness.AddPackage("fromgit", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("asset.bin")]));
        var projects = Path.Combine(_harness.Root, "git");
        await GitCli.PublishAsync(_harness.Source, projects);
        _certificate = _ca.IssueLoopbackServer();
        _https = await GitHttpServer.StartAsync(projects, _certificate);
        _http = await GitHttpServer.StartAsync(projects);
        _squid = await SquidProxy.StartAsync(User, Password);
        _caFile = _ca.WriteCaPem(Path.Combine(_harness.Root, "ca.pem"));
        _credentials = Path.Combine(_harness.Root, "proxy-credentials");
        await File.WriteAllTextAsync(_credentials, $"{User}:{Password}\n");
    }

    public async Task DisposeAsync()
    {
        await _squid.DisposeAsync();
        await _https.DisposeAsync();
        await _http.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _ca.Dispose();
        _harness.Dispose();
    }

    private string HttpsRemote => $"git+https://127.0.0.1:{_https.BaseAddress.Port}/universe.git#main";

    [RegistryFact("squid")]
    public async Task Mirror_GitHttpsSourceThroughSquid_TunnelsWithProxyCredentialsAndTrustsTheCaFile()
    {
        var untrusted = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), _credentials)) with { Source = HttpsRemote });
        var untrustedError = _harness.Error.ToString();

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), _credentials, [_caFile])) with { Source = HttpsRemote });
        var manifest = await _harness.ManifestAsync();
        var log = await _squid.WaitForLogAsync($"CONNECT 127.0.0.1:{_https.BaseAddress.Port} {User}");

        Assert.Equal(ExitCodes.Usage, untrusted);
        Assert.Contains("not trusted", untrustedError, StringComparison.Ordinal);
        Assert.Contains("--ca-file", untrustedError, StringComparison.Ordinal);
        Assert.True(exit == ExitCodes.Success, _harness.Output + _harness.Error.ToString());
        Assert.Equal("fromgit", Assert.Single(manifest.Packages).Name);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(Asset), manifest.Resources[_upstream.Url("asset.bin")].Digest);
        Assert.Contains($"TCP_TUNNEL/200", log, StringComparison.Ordinal);
        Assert.Contains($"CONNECT 127.0.0.1:{_https.BaseAddress.Port} {User}", log, StringComparison.Ordinal);
        Assert.Contains($"/asset.bin {User} HIER_DIRECT", log, StringComparison.Ordinal);
        Assert.True(_https.RequestCount >= 2, $"git server saw {_https.RequestCount} requests");
        var everything = untrustedError + _harness.Output + _harness.Error + await File.ReadAllTextAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName));
        Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
    }

    [RegistryFact("squid")]
    public async Task Mirror_GitHttpsSourceThroughSquidWithoutCredentials_ClearProxyError()
    {
        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), null, [_caFile])) with { Source = HttpsRemote });
        var error = _harness.Error.ToString();

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("407 Proxy Authentication Required", error, StringComparison.Ordinal);
        Assert.Contains("TCP_DENIED/407", await _squid.WaitForLogAsync("TCP_DENIED/407"), StringComparison.Ordinal);
        Assert.Equal(0, _https.RequestCount);
        Assert.False(Directory.Exists(_harness.Bundle) && File.Exists(Path.Combine(_harness.Bundle, BundleManifest.FileName)));
    }

    [RegistryFact("squid")]
    public async Task Mirror_GitPlainHttpSourceWithProxy_RefusedInsteadOfBypassingTheProxy()
    {
        var remote = $"git+http://127.0.0.1:{_http.BaseAddress.Port}/universe.git#main";

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), _credentials)) with { Source = remote });

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("plain-http git remote through the proxy", _harness.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _http.RequestCount);
    }

    [Fact]
    public async Task Mirror_GitPlainHttpSourceWithoutProxy_ClonesDirectly()
    {
        var exit = await _harness.MirrorAsync(_harness.Args() with { Source = $"git+http://127.0.0.1:{_http.BaseAddress.Port}/universe.git#main" });

        Assert.True(exit == ExitCodes.Success, _harness.Output + _harness.Error.ToString());
        Assert.True(_http.RequestCount >= 2);
        Assert.Equal("fromgit", Assert.Single((await _harness.ManifestAsync()).Packages).Name);
    }
}
