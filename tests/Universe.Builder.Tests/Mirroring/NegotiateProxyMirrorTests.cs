using System.Security.Cryptography.X509Certificates;
using Universe.Builder.Bundles;
using Universe.Builder.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// The <c>universe</c> program (a child process, as a user runs it) mirroring through squid that authenticates with
/// Negotiate/Kerberos only: squid's real <c>negotiate_kerberos_auth</c> helper, a throwaway MIT KDC on loopback, the
/// user's password from the credentials file (.NET gets the ticket through the system's GSSAPI), plain HTTP and
/// https through <c>CONNECT</c>.
/// </summary>
public sealed class NegotiateProxyMirrorTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] PlainAsset = "asset over http through a Kerberos proxy"u8.ToArray();
    private static readonly byte[] TlsAsset = "asset over https through a Kerberos proxy"u8.ToArray();
    private readonly MirrorHarness _harness = new();
    private readonly TestCertificateAuthority _ca = new();
    private X509Certificate2 _certificate = null!;
    private KerberosRealm? _realm;
    private SquidProxy? _squid;
    private UpstreamServer _plain = null!;
    private FaultyHttpServer _tls = null!;

    public async Task InitializeAsync()
    {
        _plain = await UpstreamServer.StartAsync();
        _plain.Add("plain.bin", PlainAsset);
        _certificate = _ca.IssueLoopbackServer();
        _tls = await FaultyHttpServer.StartAsync(_certificate);
        _tls.Serve("/tls.bin", TlsAsset);
        _harness.AddPackage("kerberized", "1.0", 0, MirrorRunnerTests.Resource(assets: [_plain.Url("plain.bin"), TlsUrl]));
        if ((KerberosRealm.MissingReason() is null || RegistryTools.IsCi) && !OperatingSystem.IsWindows())
        {
            _realm = await KerberosRealm.StartAsync();
            _squid = await SquidProxy.StartNegotiateAsync(_realm);
        }
    }

    public async Task DisposeAsync()
    {
        if (_squid is not null)
        {
            await _squid.DisposeAsync();
        }

        if (_realm is not null)
        {
            await _realm.DisposeAsync();
        }

        await _tls.DisposeAsync();
        await _plain.DisposeAsync();
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _ca.Dispose();
        _harness.Dispose();
    }

    private string TlsUrl => new Uri(_tls.BaseUri, "tls.bin").ToString();

    [RegistryFact("squid", "krb5kdc", "kdb5_util", "kadmin.local")]
    public async Task Mirror_KerberosProxy_RightPasswordMirrorsOverHttpAndConnectWrongOrNoneIsAClear407()
    {
        var good = await CredentialsAsync("good", _realm!.Password);
        var bad = await CredentialsAsync("bad", "not-the-password");

        var none = await MirrorAsync(null);
        var wrong = await MirrorAsync(bad);
        var right = await MirrorAsync(good);
        var manifest = await _harness.ManifestAsync();
        var log = await _squid!.WaitForLogAsync($"CONNECT {_tls.Host} {_realm.User}@{KerberosRealm.Realm}");

        Assert.True(none.Exit == ExitCodes.Findings, none.Output);
        Assert.True(none.Output.Contains("407", StringComparison.Ordinal), none.Output);
        Assert.True(wrong.Exit == ExitCodes.Findings, wrong.Output);
        Assert.True(wrong.Output.Contains("407", StringComparison.Ordinal), wrong.Output);
        Assert.True(right.Exit == ExitCodes.Success, right.Output);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(PlainAsset), manifest.Resources[_plain.Url("plain.bin")].Digest);
        Assert.Equal("sha256:" + UpstreamServer.Sha256(TlsAsset), manifest.Resources[TlsUrl].Digest);
        Assert.Contains($"GET {_plain.Url("plain.bin")} {_realm.User}@{KerberosRealm.Realm} HIER_DIRECT", log, StringComparison.Ordinal);
        Assert.Contains($"TCP_TUNNEL/200", log, StringComparison.Ordinal);
        Assert.Contains($"CONNECT {_tls.Host} {_realm.User}@{KerberosRealm.Realm}", log, StringComparison.Ordinal);
        Assert.DoesNotContain(_realm.Password, none.Output + wrong.Output + right.Output, StringComparison.Ordinal);
    }

    private async Task<string> CredentialsAsync(string name, string password)
    {
        var path = Path.Combine(_harness.Root, name + ".credentials");
        await File.WriteAllTextAsync(path, $"{_realm!.User}:{password}\n");
        return path;
    }

    /// <summary>Runs <c>universe mirror</c> with the realm's <c>KRB5_CONFIG</c> in its environment.</summary>
    private async Task<(int Exit, string Output)> MirrorAsync(string? credentialsFile)
    {
        List<string> args = ["mirror", "--source", _harness.Source, "--out", _harness.Bundle, "--proxy", _squid!.Url.ToString(),
            "--ca-file", _ca.WriteCaPem(Path.Combine(_harness.Root, "ca.pem")), "--retries", "1"];
        if (credentialsFile is not null)
        {
            args.AddRange(["--proxy-credentials-file", credentialsFile]);
        }

        return await UniverseProcess.RunAsync(args, _realm!.ClientEnvironment);
    }
}
