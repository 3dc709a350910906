using System.Security.Cryptography.X509Certificates;
using Universe.Builder.Bundles;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>
/// One package with two assets, one on a plain-HTTP upstream and one on an https upstream whose certificate a test CA
/// issued, mirrored by the <c>universe</c> program (a child process, as a user runs it) through a given proxy. What the
/// proxy-authentication tests share; each brings its own squid.
/// </summary>
public sealed class ProxiedMirrorScenario : IAsyncDisposable
{
    private readonly MirrorHarness _harness = new();
    private readonly TestCertificateAuthority _ca = new();
    private readonly X509Certificate2 _certificate;
    private UpstreamServer? _plain;
    private FaultyHttpServer? _tls;

    private ProxiedMirrorScenario() => _certificate = _ca.IssueLoopbackServer();

    /// <summary>The asset served over plain HTTP.</summary>
    public static byte[] PlainAsset { get; } = "asset over http through an authenticating proxy"u8.ToArray();

    /// <summary>The asset served over https (reached through <c>CONNECT</c>).</summary>
    public static byte[] TlsAsset { get; } = "asset over https through an authenticating proxy"u8.ToArray();

    /// <summary>The scenario's temporary directory (source tree, bundle, credentials files), removed at dispose.</summary>
    public string Directory => _harness.Root;

    /// <summary>The plain-HTTP asset's URL.</summary>
    public string PlainUrl => _plain!.Url("plain.bin");

    /// <summary>The https asset's URL.</summary>
    public string TlsUrl => new Uri(_tls!.BaseUri, "tls.bin").ToString();

    /// <summary>The https upstream's <c>host:port</c> (what squid logs for a <c>CONNECT</c>).</summary>
    public string TlsHost => _tls!.Host;

    /// <summary>Starts both upstreams and writes the package <paramref name="packageName"/> referencing them.</summary>
    public static async Task<ProxiedMirrorScenario> StartAsync(string packageName)
    {
        var scenario = new ProxiedMirrorScenario();
        try
        {
            scenario._plain = await UpstreamServer.StartAsync();
            scenario._plain.Add("plain.bin", PlainAsset);
            scenario._tls = await FaultyHttpServer.StartAsync(scenario._certificate);
            scenario._tls.Serve("/tls.bin", TlsAsset);
            scenario._harness.AddPackage(packageName, "1.0", 0, Mirroring.MirrorRunnerTests.Resource(assets: [scenario.PlainUrl, scenario.TlsUrl]));
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a credentials file (one line <c>user:password</c>) and returns its path.</summary>
    public async Task<string> CredentialsAsync(string name, string user, string password)
    {
        var path = Path.Combine(_harness.Root, name + ".credentials");
        await File.WriteAllTextAsync(path, $"{user}:{password}\n");
        return path;
    }

    /// <summary>Runs <c>universe mirror --proxy <paramref name="proxy"/></c> (with the credentials file, if any) into the bundle.</summary>
    public async Task<(int Exit, string Output)> MirrorAsync(
        Uri proxy, string? credentialsFile, IDictionary<string, string>? environment = null, string? runtimeConfig = null)
    {
        List<string> args = ["mirror", "--source", _harness.Source, "--out", _harness.Bundle, "--proxy", proxy.ToString(),
            "--ca-file", _ca.WriteCaPem(Path.Combine(_harness.Root, "ca.pem")), "--retries", "1"];
        if (credentialsFile is not null)
        {
            args.AddRange(["--proxy-credentials-file", credentialsFile]);
        }

        return await UniverseProcess.RunAsync(args, environment, runtimeConfig);
    }

    /// <summary>
    /// Mirrors three times through <paramref name="squid"/>: without credentials, with <paramref name="user"/> and a wrong
    /// password, then with <paramref name="user"/> and the right <paramref name="password"/> (each run with
    /// <paramref name="environment"/> and <paramref name="runtimeConfig"/>, as <see cref="MirrorAsync"/>).
    /// </summary>
    public async Task<ProxyAuthenticationRuns> MirrorWithNoWrongAndRightCredentialsAsync(
        SquidProxy squid, string user, string password, IDictionary<string, string>? environment = null, string? runtimeConfig = null)
    {
        var good = await CredentialsAsync("good", user, password);
        var bad = await CredentialsAsync("bad", user, "not-the-password");
        var none = await MirrorAsync(squid.Url, null, environment, runtimeConfig);
        var wrong = await MirrorAsync(squid.Url, bad, environment, runtimeConfig);
        var right = await MirrorAsync(squid.Url, good, environment, runtimeConfig);
        return new ProxyAuthenticationRuns(none, wrong, right);
    }

    /// <summary>
    /// Asserts what a user must see: no and wrong credentials each fail the run with a clear 407 (exit 1); the right
    /// ones mirror both assets, the http one forwarded and the https one tunnelled by squid as <paramref name="loggedUser"/>;
    /// the password appears in no output and never went to this proxy (which asks for no Basic) in Basic's clear text.
    /// </summary>
    public async Task AssertRefusedThenMirroredAsync(ProxyAuthenticationRuns runs, SquidProxy squid, string loggedUser, string password)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(squid);
        var manifest = await ManifestAsync();
        var log = await squid.WaitForLogAsync($"CONNECT {TlsHost} {loggedUser}");

        Assert.True(runs.None.Exit == ExitCodes.Findings, runs.None.Output);
        Assert.True(runs.None.Output.Contains("407", StringComparison.Ordinal), runs.None.Output);
        Assert.True(runs.Wrong.Exit == ExitCodes.Findings, runs.Wrong.Output);
        Assert.True(runs.Wrong.Output.Contains("407", StringComparison.Ordinal), runs.Wrong.Output);
        Assert.True(runs.Right.Exit == ExitCodes.Success, runs.Right.Output);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(PlainAsset), manifest.Resources[PlainUrl].Digest);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(TlsAsset), manifest.Resources[TlsUrl].Digest);
        Assert.Contains($"GET {PlainUrl} {loggedUser} HIER_DIRECT", log, StringComparison.Ordinal);
        Assert.Contains("TCP_TUNNEL/200", log, StringComparison.Ordinal);
        Assert.Contains($"CONNECT {TlsHost} {loggedUser} HIER_DIRECT", log, StringComparison.Ordinal);
        Assert.DoesNotContain(password, runs.None.Output + runs.Wrong.Output + runs.Right.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-auth scheme, 'Basic", squid.CacheLog, StringComparison.Ordinal); // never Basic's clear text
    }

    /// <summary>The bundle's manifest.</summary>
    public Task<BundleManifest> ManifestAsync() => _harness.ManifestAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_tls is not null)
        {
            await _tls.DisposeAsync();
        }

        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }

        _certificate.Dispose();
        _ca.Dispose();
        _harness.Dispose();
    }
}

/// <summary>The exit code and output of the runs without, with wrong and with right proxy credentials.</summary>
public sealed record ProxyAuthenticationRuns((int Exit, string Output) None, (int Exit, string Output) Wrong, (int Exit, string Output) Right);
