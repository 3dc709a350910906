using Universe.Builder.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// The <c>universe</c> program (a child process, as a user runs it) mirroring through squid that authenticates with
/// Negotiate/Kerberos only: squid's real <c>negotiate_kerberos_auth</c> helper, a throwaway MIT KDC on loopback, the
/// user's password from the credentials file (.NET gets the ticket through the system's GSSAPI), plain HTTP and
/// https through <c>CONNECT</c>.
/// </summary>
public sealed class NegotiateProxyMirrorTests : IAsyncLifetime
{
    private ProxiedMirrorScenario _scenario = null!;
    private KerberosRealm? _realm;
    private SquidProxy? _squid;

    public async Task InitializeAsync()
    {
        _scenario = await ProxiedMirrorScenario.StartAsync("kerberized");
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

        await _scenario.DisposeAsync();
    }

    [RegistryFact("squid", "krb5kdc", "kdb5_util", "kadmin.local")]
    public async Task Mirror_KerberosProxy_RightPasswordMirrorsOverHttpAndConnectWrongOrNoneIsAClear407()
    {
        var runs = await _scenario.MirrorWithNoWrongAndRightCredentialsAsync(_squid!, _realm!.User, _realm.Password, _realm.ClientEnvironment);

        await _scenario.AssertRefusedThenMirroredAsync(runs, _squid!, $"{_realm.User}@{KerberosRealm.Realm}", _realm.Password);
    }
}
