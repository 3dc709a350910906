using Universe.Builder.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// The <c>universe</c> program (a child process, as a user runs it) mirroring through squid that authenticates with
/// NTLM only. Squid's helper hands every token to the real NTLMSSP acceptor of gss-ntlmssp, which checks the client's
/// NTLMv2 response against the user's password; .NET answers the challenge (through the system's GSSAPI and the same
/// mechanism) with the user and password of the credentials file. Plain HTTP and https through <c>CONNECT</c>.
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

    [RegistryTheory("squid", SquidProxy.Python, SquidProxy.NtlmMechanismConfig, SquidProxy.PythonGssapiModule)]
    [InlineData($@"{Domain}\{User}", $@"{Domain}\{User}")]
    [InlineData(User, User)]
    public async Task Mirror_NtlmProxy_RightPasswordMirrorsOverHttpAndConnectWrongOrNoneIsAClear407(string user, string authenticated)
    {
        var runs = await _scenario.MirrorWithNoWrongAndRightCredentialsAsync(_squid!, user, _squid!.Password);

        await _scenario.AssertRefusedThenMirroredAsync(runs, _squid, authenticated.Replace(@"\", @"\\", StringComparison.Ordinal), _squid.Password);
        Assert.Contains("squid_ntlm_gssapi_auth: refused by the NTLMSSP acceptor", _squid.CacheLog, StringComparison.Ordinal);
        Assert.Contains($"squid_ntlm_gssapi_auth: accepted {authenticated}\n", _squid.CacheLog, StringComparison.Ordinal);
    }
}
