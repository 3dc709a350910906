using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>
/// Registries and asset hosts redirect downloads to other hosts (object stores, CDNs, an http → https upgrade). The
/// proxy's password must stay with the proxy and a registry's token with the registry: a redirected hop carries
/// neither <c>Proxy-Authorization</c> (which inside a CONNECT tunnel, or to a host reached directly, would hand the
/// proxy password to the target) nor <c>Authorization</c>.
/// </summary>
public sealed class RedirectCredentialTests : IDisposable
{
    private static readonly byte[] Content = "the file the redirect leads to"u8.ToArray();
    private static readonly RetryPolicy Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1 };
    private readonly string _root = Directory.CreateTempSubdirectory("universe-redirects-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [RegistryFact("squid")]
    public async Task Download_ThroughBasicProxyRedirectedToHttpsAndToADirectHost_NeitherTargetSeesAnyCredentials()
    {
        using var ca = new TestCertificateAuthority();
        using var certificate = ca.IssueLoopbackServer();
        await using var squid = await SquidProxy.StartAsync();
        await using var origin = await FaultyHttpServer.StartAsync();
        await using var tls = await FaultyHttpServer.StartAsync(certificate);
        await using var direct = await FaultyHttpServer.StartAsync();
        tls.Serve("/file.bin", Content);
        direct.Serve("/file.bin", Content);
        origin.Serve("/warm-up", "teaches the client that the proxy takes Basic"u8.ToArray());
        origin.Serve("/to-https", [], new FaultBehavior { RedirectTo = new Uri(tls.BaseUri, "/file.bin").ToString() });
        // NO_PROXY names localhost: the redirected hop goes straight to the host, not through squid.
        origin.Serve("/to-direct", [], new FaultBehavior { RedirectTo = $"http://localhost:{direct.BaseUri.Port}/file.bin", RedirectStatus = 301 });
        var credentials = Path.Combine(_root, "proxy.credentials");
        await File.WriteAllTextAsync(credentials, $"{squid.Username}:{squid.Password}\n");
        var proxy = ProxySettings.Create(squid.Url.ToString(), credentials, noProxy: "localhost", environment: _ => null);
        var http = new HttpClient(proxy.CreateClientHandler(TrustedRoots.Load([ca.WriteCaPem(Path.Combine(_root, "ca.pem"))])));
        var store = new BlobStore(Path.Combine(_root, "store"));

        await Fetch("/warm-up");
        var viaHttps = await Fetch("/to-https");
        var viaDirect = await Fetch("/to-direct");
        http.Dispose(); // closes the tunnel: squid logs a CONNECT when it ends

        Assert.Equal(ContentDigest.Compute(Content), viaHttps.Digest);
        Assert.Equal(ContentDigest.Compute(Content), viaDirect.Digest);
        var reached = tls.Requests.Concat(direct.Requests).Where(r => r.Path == "/file.bin").ToArray();
        Assert.Equal(2, reached.Length);
        Assert.All(reached, r =>
        {
            Assert.Equal(string.Empty, r.ProxyAuthorization);
            Assert.Equal(string.Empty, r.Authorization);
        });
        // The first hops did go through squid with the credentials, up front after the warm-up.
        var log = await squid.WaitForLogAsync($"CONNECT {tls.Host} {squid.Username}");
        Assert.Contains($"GET {origin.BaseUri}to-https {squid.Username}", log, StringComparison.Ordinal);
        Assert.Contains($"GET {origin.BaseUri}to-direct {squid.Username}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("/file.bin", log, StringComparison.Ordinal); // https went through the tunnel, localhost went direct

        Task<BlobDownloadResult> Fetch(string path) => BlobDownloader.FetchAsync(
            http, new BlobDownloadRequest { Url = new Uri(origin.BaseUri, path) }, store, retry: Fast);
    }

    [Fact]
    public async Task Redirects_TokenDroppedDowngradeRefusedLoopBoundedSeeOtherBecomesGet()
    {
        using var ca = new TestCertificateAuthority();
        using var certificate = ca.IssueLoopbackServer();
        await using var plain = await FaultyHttpServer.StartAsync();
        await using var tls = await FaultyHttpServer.StartAsync(certificate);
        plain.Serve("/file.bin", Content);
        plain.Serve("/token", [], new FaultBehavior { RedirectTo = "/file.bin", RedirectStatus = 307 });
        plain.Serve("/loop", [], new FaultBehavior { RedirectTo = "/loop" });
        plain.Serve("/see-other", [], new FaultBehavior { RedirectTo = "/file.bin", RedirectStatus = 303 });
        tls.Serve("/down", [], new FaultBehavior { RedirectTo = new Uri(plain.BaseUri, "/file.bin").ToString() });
        using var http = new HttpClient(ProxySettings.None.CreateClientHandler(TrustedRoots.Load([ca.WriteCaPem(Path.Combine(_root, "ca.pem"))])));

        using var withToken = new HttpRequestMessage(HttpMethod.Get, new Uri(plain.BaseUri, "/token"));
        withToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "registry-token");
        withToken.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(5, null);
        using var followed = await http.SendAsync(withToken);
        using var downgrade = await http.GetAsync(new Uri(tls.BaseUri, "/down"));
        using var loop = await http.GetAsync(new Uri(plain.BaseUri, "/loop"));
        using var seeOther = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(plain.BaseUri, "/see-other")));

        Assert.Equal(System.Net.HttpStatusCode.PartialContent, followed.StatusCode); // Range kept across the hop
        Assert.Equal(Content[5..], await followed.Content.ReadAsByteArrayAsync());
        var hop = plain.Requests.Single(r => r.Path == "/file.bin" && r.Method == "GET");
        Assert.Equal(string.Empty, hop.Authorization);
        Assert.Equal(System.Net.HttpStatusCode.Found, downgrade.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Found, loop.StatusCode);
        Assert.Equal(CredentialSafeRedirectHandler.MaxRedirects + 1, plain.RequestCount("/loop"));
        Assert.Equal(System.Net.HttpStatusCode.OK, seeOther.StatusCode);
        Assert.Contains(plain.Requests, r => r.Path == "/file.bin" && r.Method == "HEAD");
    }
}
