using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Universe.Testing.Registry;

/// <summary>
/// A throwaway MIT Kerberos realm (Debian's krb5-kdc): a KDC on a free 127.0.0.1 TCP port with its database, a
/// <c>krb5.conf</c> and a user principal, plus the service principal <c>HTTP/127.0.0.1</c> in a keytab for a
/// Negotiate-authenticating squid. Nothing outside its temporary directory is read or written (the ticket cache is in
/// memory); clients find the realm through <c>KRB5_CONFIG</c> (<see cref="ClientEnvironment"/>). Killed and removed at dispose.
/// </summary>
public sealed class KerberosRealm : IAsyncDisposable
{
    /// <summary>The realm name.</summary>
    public const string Realm = "UNIVERSE.TEST";

    /// <summary>The service principal a proxy at 127.0.0.1 is asked for (SPN <c>HTTP/127.0.0.1</c>).</summary>
    public const string ServicePrincipal = "HTTP/127.0.0.1";

    private readonly StringBuilder _output = new();
    private Process? _kdc;

    private KerberosRealm(string directory, string user, string password)
    {
        Directory = directory;
        User = user;
        Password = password;
    }

    /// <summary>The temporary directory (database, configs, keytab, KDC log); world-readable so squid's helper (user proxy) reads it.</summary>
    public string Directory { get; }

    /// <summary>The user principal's name (without the realm).</summary>
    public string User { get; }

    /// <summary>The user's password.</summary>
    public string Password { get; }

    /// <summary>The KDC's TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The client configuration (<c>KRB5_CONFIG</c>).</summary>
    public string ConfigFile => Path.Combine(Directory, "krb5.conf");

    /// <summary>The keytab holding <see cref="ServicePrincipal"/>'s keys.</summary>
    public string Keytab => Path.Combine(Directory, "http.keytab");

    /// <summary>The environment a Kerberos client or acceptor process needs to find this realm.</summary>
    public IDictionary<string, string> ClientEnvironment => new Dictionary<string, string> { ["KRB5_CONFIG"] = ConfigFile, ["KRB5CCNAME"] = "MEMORY:universe-test" };

    /// <summary>Why a realm cannot be made here (a tool missing), or null.</summary>
    public static string? MissingReason() => RegistryTools.MissingReason("krb5kdc", "kdb5_util", "kadmin.local", "/usr/lib/squid/negotiate_kerberos_auth");

    /// <summary>Creates the database, the principals and the keytab, and starts the KDC.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static async Task<KerberosRealm> StartAsync(string user = "krbuser", string? password = null)
    {
        if (MissingReason() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var directory = Path.Combine(Path.GetTempPath(), "universe-krb5-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var realm = new KerberosRealm(directory, user, password ?? "krb-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            await realm.StartCoreAsync();
            return realm;
        }
        catch
        {
            await realm.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        RegistryTools.Stop(_kdc);
        _kdc = null;
        RegistryTools.DeleteDirectory(Directory);
        return ValueTask.CompletedTask;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task StartCoreAsync()
    {
        Port = RegistryTools.FreePort();
        var kdcConf = Path.Combine(Directory, "kdc.conf");
        await File.WriteAllTextAsync(kdcConf, $$"""
            [kdcdefaults]
             kdc_listen = 127.0.0.1:{{Port}}
             kdc_tcp_listen = 127.0.0.1:{{Port}}
            [realms]
             {{Realm}} = {
              database_name = {{Path.Combine(Directory, "principal")}}
              key_stash_file = {{Path.Combine(Directory, "stash")}}
              acl_file = {{Path.Combine(Directory, "kadm5.acl")}}
              max_life = 1h
             }
            [logging]
             kdc = FILE:{{Path.Combine(Directory, "kdc.log")}}

            """);
        await File.WriteAllTextAsync(ConfigFile, $$"""
            [libdefaults]
             default_realm = {{Realm}}
             dns_lookup_kdc = false
             dns_lookup_realm = false
             dns_canonicalize_hostname = false
             rdns = false
             udp_preference_limit = 1
             default_ccache_name = MEMORY:universe-test
            [realms]
             {{Realm}} = {
              kdc = 127.0.0.1:{{Port}}
             }

            """);
        var environment = new Dictionary<string, string>(ClientEnvironment) { ["KRB5_KDC_PROFILE"] = kdcConf };
        await RunAsync("kdb5_util", ["create", "-s", "-r", Realm, "-P", "master-" + Guid.NewGuid().ToString("N")], environment);
        await RunAsync("kadmin.local", ["-q", $"addprinc -pw {Password} {User}"], environment);
        await RunAsync("kadmin.local", ["-q", $"addprinc -randkey {ServicePrincipal}"], environment);
        await RunAsync("kadmin.local", ["-q", $"ktadd -k {Keytab} {ServicePrincipal}"], environment);
        File.SetUnixFileMode(ConfigFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _kdc = RegistryTools.Start("krb5kdc", ["-n"], _output, environment);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_kdc.HasExited)
            {
                throw new InvalidOperationException($"krb5kdc exited with {_kdc.ExitCode}: {Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static async Task RunAsync(string tool, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var output = new StringBuilder();
        using var process = RegistryTools.Start(tool, arguments, output, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            lock (output)
            {
                throw new InvalidOperationException($"{tool} failed with {process.ExitCode}: {output}");
            }
        }
    }
}
