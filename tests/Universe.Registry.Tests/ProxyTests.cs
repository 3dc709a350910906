using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>Pulls through a real squid with basic auth (explicit proxy applies to loopback).</summary>
public sealed class ProxyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-proxy-pull-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string CredentialsFile(string user, string password)
    {
        var path = Path.Combine(_root, "proxy-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(path, $"{user}:{password}\n");
        return path;
    }

    private static RegistryClientOptions Through(ProxySettings proxy, RegistrySettings? registries = null) =>
        new() { Proxy = proxy, Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1 }, Registries = registries ?? new RegistrySettings() };

    [RegistryFact("squid")]
    public async Task PullAsync_ThroughSquidWithCredentialsFile_WorksAndSquidLogsTheUser()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var squid = await SquidProxy.StartAsync();
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0"));
        var proxy = ProxySettings.Create(squid.Url.ToString(), CredentialsFile(squid.Username, squid.Password), environment: _ => null);
        using var client = new RegistryClient(Through(proxy));

        var pulled = await new ImagePuller(client, new BlobStore(Path.Combine(_root, "store"))).PullAsync(image);

        Assert.Equal(images.Digests[TestImages.Hello], pulled.ManifestDigest);
        var manifest = $"GET http://{registry.Host}/v2/team/hello/manifests/1.0 {squid.Username} HIER_DIRECT/127.0.0.1";
        var log = await squid.WaitForLogAsync(manifest);
        Assert.Contains(manifest, log, StringComparison.Ordinal);
        var deniedGets = log.Split('\n').Count(l => l.Contains("TCP_DENIED/407", StringComparison.Ordinal) && l.Contains(" GET ", StringComparison.Ordinal));
        Assert.True(deniedGets == 1, log); // the first plain GET; after it Basic goes up front
    }

    [RegistryFact("squid", SquidProxy.Python, SquidProxy.NtlmMechanismConfig, SquidProxy.PythonGssapiModule)]
    public async Task PullAsync_ThroughNtlmSquid_RightPasswordPullsWrongOneIs407AndNoBasicReachesTheProxy()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var squid = await SquidProxy.StartNtlmAsync("CORP", "alice");
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0"));
        var right = ProxySettings.Create(squid.Url.ToString(), CredentialsFile(@"CORP\alice", squid.Password), environment: _ => null);
        var wrong = ProxySettings.Create(squid.Url.ToString(), CredentialsFile(@"CORP\alice", "not-the-password"), environment: _ => null);
        using var client = new RegistryClient(Through(right));
        using var refusedClient = new RegistryClient(Through(wrong));

        var pulled = await new ImagePuller(client, new BlobStore(Path.Combine(_root, "store"))).PullAsync(image);
        var refused = await Assert.ThrowsAsync<RegistryException>(() => refusedClient.GetManifestAsync(image));
        var manifest = $"GET http://{registry.Host}/v2/team/hello/manifests/1.0 CORP\\\\alice HIER_DIRECT/127.0.0.1";
        var log = await squid.WaitForLogAsync(manifest);

        Assert.Equal(images.Digests[TestImages.Hello], pulled.ManifestDigest);
        Assert.Contains(manifest, log, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.ProxyAuthenticationRequired, refused.Kind);
        Assert.Contains("407", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(squid.Password, refused.Message, StringComparison.Ordinal);
        Assert.Contains("squid_ntlm_gssapi_auth: refused by the NTLMSSP acceptor", squid.CacheLog, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-auth scheme, 'Basic", squid.CacheLog, StringComparison.Ordinal);
    }

    [RegistryFact("squid")]
    public async Task PullAsync_ThroughSquidWithoutCredentials_Clear407Error()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var squid = await SquidProxy.StartAsync();
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0"));
        using var client = new RegistryClient(Through(ProxySettings.Create(squid.Url.ToString(), environment: _ => null)));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(image));

        Assert.Equal(RegistryErrorKind.ProxyAuthenticationRequired, error.Kind);
        Assert.Contains("407", error.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
    }

    [RegistryFact("squid")]
    public async Task ResolveAsync_PasswordRotatedInFile_NextCallWorksWithoutRestart()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var squid = await SquidProxy.StartAsync();
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0"));
        var file = CredentialsFile(squid.Username, "old-password-value");
        using var client = new RegistryClient(Through(ProxySettings.Create(squid.Url.ToString(), file, environment: _ => null)));

        var refused = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(image));
        await File.WriteAllTextAsync(file, $"{squid.Username}:{squid.Password}\n");
        var resolved = await client.ResolveAsync(image);

        Assert.Equal(RegistryErrorKind.ProxyAuthenticationRequired, refused.Kind);
        Assert.DoesNotContain("old-password-value", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(images.Digests[TestImages.Hello], resolved.Manifest.Digest);
    }

    [RegistryFact("squid")]
    public async Task DownloadBlob_HttpsThroughSquidConnectWithBasic_UsesCaFile()
    {
        await using var squid = await SquidProxy.StartAsync();
        var (certificate, pem) = FaultyHttpServer.CreateLoopbackCertificate();
        using var _ = certificate;
        await using var server = await FaultyHttpServer.StartAsync(certificate);
        var content = new byte[300_000];
        new Random(7).NextBytes(content);
        var digest = ContentDigest.Compute(content);
        server.Serve($"/v2/team/tls/blobs/{digest}", content);
        var caFile = Path.Combine(_root, "ca.pem");
        await File.WriteAllTextAsync(caFile, pem);
        var registries = new RegistrySettings();
        registries.Hosts[server.Host] = new RegistryHostSettings { CaFile = caFile };
        var proxy = ProxySettings.Create(squid.Url.ToString(), CredentialsFile(squid.Username, squid.Password), environment: _ => null);
        using var client = new RegistryClient(Through(proxy, registries));
        using var untrusted = new RegistryClient(Through(proxy, new RegistrySettings()));
        var image = ImageReference.Parse($"{server.Host}/team/tls:1");
        var blob = new Descriptor(MediaTypes.OciLayerGzip, digest, content.Length);

        await client.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "tls")));
        var refused = await Assert.ThrowsAsync<RegistryException>(() => untrusted.DownloadBlobAsync(image, blob, new BlobStore(Path.Combine(_root, "tls2"))));
        client.Dispose();
        var log = await squid.WaitForLogAsync("TCP_TUNNEL/200");

        Assert.True(new BlobStore(Path.Combine(_root, "tls")).Has(digest));
        Assert.Contains($"CONNECT {server.Host}", log, StringComparison.Ordinal);
        Assert.Contains("TCP_TUNNEL/200", log, StringComparison.Ordinal);
        Assert.Contains(squid.Username, log, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.InsecureRefused, refused.Kind);
    }

    [RegistryFact("squid")]
    public async Task Https_ThroughSquidWithoutCredentials_ConnectRefusedAs407()
    {
        await using var squid = await SquidProxy.StartAsync();
        var (certificate, pem) = FaultyHttpServer.CreateLoopbackCertificate();
        using var _ = certificate;
        await using var server = await FaultyHttpServer.StartAsync(certificate);
        var caFile = Path.Combine(_root, "ca.pem");
        await File.WriteAllTextAsync(caFile, pem);
        var registries = new RegistrySettings();
        registries.Hosts[server.Host] = new RegistryHostSettings { CaFile = caFile, Mirror = null };
        using var client = new RegistryClient(Through(ProxySettings.Create(squid.Url.ToString(), environment: _ => null), registries));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PingAsync("example.invalid:443"));
        var direct = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{server.Host}/team/x:1")));

        Assert.Equal(RegistryErrorKind.ProxyAuthenticationRequired, error.Kind);
        Assert.Equal(RegistryErrorKind.ProxyAuthenticationRequired, direct.Kind);
    }

    [RegistryFact("squid")]
    public async Task PullAsync_HttpProxyEnvironmentWithUserInfo_GoesThroughSquid()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var squid = await SquidProxy.StartAsync();
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0"));
        var fromEnv = ProxySettings.FromEnvironment(name => name switch
        {
            "HTTP_PROXY" or "HTTPS_PROXY" => $"http://{squid.Username}:{Uri.EscapeDataString(squid.Password)}@127.0.0.1:{squid.Port}",
            _ => null,
        });
        var userOnly = ProxySettings.FromEnvironment(name => name switch
        {
            "http_proxy" or "https_proxy" => $"http://{squid.Username}@127.0.0.1:{squid.Port}",
            ProxySettings.PasswordEnvironmentVariable => squid.Password,
            _ => null,
        });
        using var a = new RegistryClient(Through(fromEnv));
        using var b = new RegistryClient(Through(userOnly));

        var first = await a.ResolveAsync(image);
        var second = await b.ResolveAsync(image);

        Assert.Equal(images.Digests[TestImages.Hello], first.Manifest.Digest);
        Assert.Equal(first.Manifest.Digest, second.Manifest.Digest);
        Assert.Contains(squid.Username, await squid.WaitForLogAsync(squid.Username), StringComparison.Ordinal);
        Assert.DoesNotContain(squid.Password, fromEnv.ToString(), StringComparison.Ordinal);
    }

    [RegistryFact("squid")]
    public async Task NoProxy_RegistryListed_GoesDirect()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var squid = await SquidProxy.StartAsync();
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0"));
        var witness = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "team/witness", "1.0"));
        var credentials = CredentialsFile(squid.Username, squid.Password);
        using var direct = new RegistryClient(Through(ProxySettings.Create(squid.Url.ToString(), credentials, noProxy: registry.Host, environment: _ => null)));
        using var proxied = new RegistryClient(Through(ProxySettings.Create(squid.Url.ToString(), credentials, environment: _ => null)));

        var resolved = await direct.ResolveAsync(image);
        await proxied.ResolveAsync(witness);
        var log = await squid.WaitForLogAsync("team/witness");

        Assert.Equal(images.Digests[TestImages.Hello], resolved.Manifest.Digest);
        Assert.Contains("team/witness", log, StringComparison.Ordinal);
        Assert.DoesNotContain("team/hello", log, StringComparison.Ordinal);
    }
}
