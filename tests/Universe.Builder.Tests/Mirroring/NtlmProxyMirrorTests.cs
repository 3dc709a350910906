using Universe.Builder.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// The <c>universe</c> program (a child process, as a user runs it) mirroring through squid that authenticates with
/// NTLM only. Squid's helper hands every token to the real NTLMSSP acceptor of gss-ntlmssp, which checks the client's
/// NTLMv2 response against the user's password; .NET answers the challenge with the user and password of the
/// credentials file, either through the system's GSSAPI (gss-ntlmssp again, as initiator: the default on Linux) or with
/// its own managed NTLM, an implementation independent of the acceptor's (the runtime switch a user can flip; GSSAPI's
/// mechanisms hidden). Plain HTTP and https through <c>CONNECT</c>.
/// </summary>
public sealed class NtlmProxyMirrorTests : IAsyncLifetime
{
    private const string Domain = "CORP";
    private const string User = "alice";
    private ProxiedMirrorScenario _scenario = null!;
    private SquidProxy? _squid;

    public async Task InitializeAsync()
    {
        _scenario = await ProxiedMirrorScenario.StartAsync("ntlm-proxied");
        if (SquidProxy.NtlmMissingReason() is null || RegistryTools.IsCi)
        {
            _squid = await SquidProxy.StartNtlmAsync(Domain, User);
        }
    }

    public async Task DisposeAsync()
    {
        if (_squid is not null)
        {
            await _squid.DisposeAsync();
        }

        await _scenario.DisposeAsync();
    }

    /// <summary><paramref name="client"/>: <c>gssapi</c> (.NET's default on Linux) or <c>managed</c> (.NET's own NTLM).</summary>
    [RegistryTheory("squid", SquidProxy.Python, SquidProxy.NtlmMechanismConfig, SquidProxy.PythonGssapiModule)]
    [InlineData("gssapi", $@"{Domain}\{User}", $@"{Domain}\{User}")]
    [InlineData("gssapi", User, User)]
    [InlineData("managed", $@"{Domain}\{User}", $@"{Domain}\{User}")]
    [InlineData("managed", User, User)]
    public async Task Mirror_NtlmProxy_RightPasswordMirrorsOverHttpAndConnectWrongOrNoneIsAClear407(string client, string user, string authenticated)
    {
        var (environment, runtimeConfig) = client == "managed" ? await ManagedNtlmAsync() : (null, null);

        var runs = await _scenario.MirrorWithNoWrongAndRightCredentialsAsync(_squid!, user, _squid!.Password, environment, runtimeConfig);

        await _scenario.AssertRefusedThenMirroredAsync(runs, _squid, authenticated.Replace(@"\", @"\\", StringComparison.Ordinal), _squid.Password);
        Assert.Contains("squid_ntlm_gssapi_auth: refused by the NTLMSSP acceptor", _squid.CacheLog, StringComparison.Ordinal);
        Assert.Contains($"squid_ntlm_gssapi_auth: accepted {authenticated}\n", _squid.CacheLog, StringComparison.Ordinal);
    }

    [RegistryFact("squid", SquidProxy.Python, SquidProxy.NtlmMechanismConfig, SquidProxy.PythonGssapiModule)]
    public async Task Mirror_NtlmProxyOnAMachineWithoutTheNtlmMechanism_407SaysToInstallGssNtlmsspNotToCheckCredentials()
    {
        var good = await _scenario.CredentialsAsync("good", $@"{Domain}\{User}", _squid!.Password);

        var run = await _scenario.MirrorAsync(_squid.Url, good, await WithoutGssapiMechanismsAsync());
        var lines = run.Output.Split('\n');

        Assert.True(run.Exit == ExitCodes.Findings, run.Output);
        Assert.Contains(lines, l => l.Contains(_scenario.PlainUrl, StringComparison.Ordinal)
            && l.Contains("407 Proxy Authentication Required (the proxy asks for NTLM, which this machine cannot answer", StringComparison.Ordinal)
            && l.Contains("gss-ntlmssp", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(_scenario.TlsUrl, StringComparison.Ordinal)
            && l.Contains("407 Proxy Authentication Required (if the proxy asks for NTLM, this machine cannot answer it", StringComparison.Ordinal));
        Assert.DoesNotContain("accepted", _squid.CacheLog, StringComparison.Ordinal);
        Assert.DoesNotContain(_squid.Password, run.Output, StringComparison.Ordinal);
    }

    /// <summary>An environment in which MIT GSSAPI loads no mechanism plugin (gss-ntlmssp included): an empty GSS_MECH_CONFIG.</summary>
    private async Task<Dictionary<string, string>> WithoutGssapiMechanismsAsync()
    {
        var empty = Path.Combine(_scenario.Directory, "gss-mech");
        await File.WriteAllTextAsync(empty, string.Empty);
        return new Dictionary<string, string> { ["GSS_MECH_CONFIG"] = empty };
    }

    /// <summary>.NET's managed NTLM switched on (a runtimeconfig, as a user would), with GSSAPI's mechanisms hidden.</summary>
    private async Task<(Dictionary<string, string>, string)> ManagedNtlmAsync() =>
        (await WithoutGssapiMechanismsAsync(), UniverseProcess.WriteRuntimeConfig(_scenario.Directory, "System.Net.Security.UseManagedNtlm", true));
}
