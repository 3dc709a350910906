using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Universe.Testing.Registry;

/// <summary>
/// Squid on a free 127.0.0.1 port authenticating with <c>basic_ncsa_auth</c> (the recipe of ecosystem.md), Negotiate
/// (<see cref="StartNegotiateAsync"/>) or NTLM (<see cref="StartNtlmAsync"/>): 407 without valid credentials, plain
/// HTTP forwarding and <c>CONNECT</c> to any loopback port with them. Killed (with its helpers) and removed at dispose.
/// </summary>
public sealed class SquidProxy : IAsyncDisposable
{
    /// <summary>Debian's Python, which runs the NTLM helper (python3-gssapi is installed for it).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>gss-ntlmssp's registration with the system's GSSAPI (the NTLMSSP mechanism).</summary>
    public const string NtlmMechanismConfig = "/etc/gss/mech.d/mech.ntlmssp.conf";

    /// <summary>python3-gssapi, through which the NTLM helper drives the mechanism.</summary>
    public const string PythonGssapiModule = "/usr/lib/python3/dist-packages/gssapi/__init__.py";

    private const string NtlmHelper = "squid_ntlm_gssapi_auth.py";
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _authBlock;
    private IDictionary<string, string>? _environment;

    private SquidProxy(string directory, string username, string password)
    {
        Directory = directory;
        Username = username;
        Password = password;
    }

    /// <summary>The temporary directory (squid.conf, passwd, logs).</summary>
    public string Directory { get; }

    /// <summary>The proxy user.</summary>
    public string Username { get; }

    /// <summary>The proxy password.</summary>
    public string Password { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c> (no credentials).</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>The access log so far (one line per request, with the user).</summary>
    public string AccessLog
    {
        get
        {
            var path = Path.Combine(Directory, "access.log");
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
            catch (FileNotFoundException)
            {
                return string.Empty;
            }
        }
    }

    /// <summary>Squid's cache.log so far (its helpers' stderr lands there too).</summary>
    public string CacheLog
    {
        get
        {
            try
            {
                return File.ReadAllText(Path.Combine(Directory, "cache.log"));
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }
    }

    /// <summary>
    /// The access log once it contains <paramref name="text"/> (squid writes a tunnel's line when it closes, and
    /// buffers a little), or the log as it is after <paramref name="timeout"/> (5 s by default).
    /// </summary>
    public async Task<string> WaitForLogAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var log = AccessLog;
            if (log.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return log;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Starts squid; throws with a reason when it or htpasswd is missing.</summary>
    public static async Task<SquidProxy> StartAsync(string username = "alice", string? password = null)
    {
        var missing = RegistryTools.MissingReason("squid", "htpasswd", "/usr/lib/squid/basic_ncsa_auth");
        if (missing is not null)
        {
            throw new InvalidOperationException(missing);
        }

        return await StartInNewDirectoryAsync(username, password ?? "s3cret-" + Guid.NewGuid().ToString("N")[..8], _ => { });
    }

    /// <summary>Makes the temporary directory, lets <paramref name="prepare"/> set the auth scheme, starts squid (removed again on failure).</summary>
    private static async Task<SquidProxy> StartInNewDirectoryAsync(string username, string password, Action<SquidProxy> prepare)
    {
        var dir = Path.Combine(Path.GetTempPath(), "universe-squid-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        var proxy = new SquidProxy(dir, username, password);
        try
        {
            prepare(proxy);
            await proxy.StartCoreAsync();
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts squid authenticating with <c>Negotiate</c> (Kerberos) against <paramref name="realm"/>: the real
    /// <c>negotiate_kerberos_auth</c> helper with the realm's <c>HTTP/127.0.0.1</c> keytab. Clients log as
    /// <c>user@UNIVERSE.TEST</c>; no Basic fallback is offered.
    /// </summary>
    public static async Task<SquidProxy> StartNegotiateAsync(KerberosRealm realm)
    {
        ArgumentNullException.ThrowIfNull(realm);
        var missing = RegistryTools.MissingReason("squid", "/usr/lib/squid/negotiate_kerberos_auth");
        if (missing is not null)
        {
            throw new InvalidOperationException(missing);
        }

        return await StartInNewDirectoryAsync(realm.User, realm.Password, proxy =>
        {
            var keytab = Path.Combine(proxy.Directory, "http.keytab");
            File.Copy(realm.Keytab, keytab);
            var config = Path.Combine(proxy.Directory, "krb5.conf");
            File.Copy(realm.ConfigFile, config);
            proxy._authBlock = $"""
                auth_param negotiate program /usr/lib/squid/negotiate_kerberos_auth -s GSS_C_NO_NAME -k {keytab}
                auth_param negotiate children 2 startup=1 idle=1
                auth_param negotiate keep_alive on
                """;
            proxy._environment = new Dictionary<string, string>(realm.ClientEnvironment) { ["KRB5_CONFIG"] = config, ["KRB5_KTNAME"] = keytab };
        });
    }

    /// <summary>Why an NTLM-authenticating squid cannot run here (a tool or package missing), or null.</summary>
    public static string? NtlmMissingReason() =>
        RegistryTools.MissingReason("squid", Python, NtlmMechanismConfig, PythonGssapiModule);

    /// <summary>
    /// Starts squid authenticating with <c>NTLM</c> only: its helper (<c>squid_ntlm_gssapi_auth.py</c>) hands every
    /// token to the real NTLMSSP acceptor of the GSSAPI mechanism gss-ntlmssp, which checks the client's response against
    /// the password in a user file (<c>DOMAIN:user:password</c>, named by <c>NTLM_USER_FILE</c>). Squid logs clients as
    /// <c>DOMAIN\user</c>. No Basic fallback is offered.
    /// </summary>
    public static async Task<SquidProxy> StartNtlmAsync(string domain, string username, string? password = null)
    {
        if (NtlmMissingReason() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        return await StartInNewDirectoryAsync(username, password ?? "ntlm-" + Guid.NewGuid().ToString("N")[..10], proxy =>
        {
            var helper = Path.Combine(proxy.Directory, NtlmHelper);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Shared", "Registry", NtlmHelper), helper);
            var users = Path.Combine(proxy.Directory, "ntlm-users");
            File.WriteAllText(users, $"{domain}:{username}:{proxy.Password}\n");
            proxy._authBlock = $"""
                auth_param ntlm program {Python} {helper}
                auth_param ntlm children 2 startup=1 idle=1
                auth_param ntlm keep_alive on
                """;
            proxy._environment = new Dictionary<string, string>
            {
                ["NTLM_USER_FILE"] = users,
                ["NETBIOS_DOMAIN_NAME"] = domain,
                ["NETBIOS_COMPUTER_NAME"] = "SQUID",
            };
        });
    }

    /// <summary>Changes the password squid accepts (basic_ncsa_auth re-reads the file when it changes).</summary>
    public async Task SetPasswordAsync(string password)
    {
        await RegistryTools.RunAsync("htpasswd", ["-b", Path.Combine(Directory, "passwd"), Username, password]);
        await ChownAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        RegistryTools.Stop(_process);
        _process = null;
        RegistryTools.DeleteDirectory(Directory);
        return ValueTask.CompletedTask;
    }

    private async Task StartCoreAsync()
    {
        var passwd = Path.Combine(Directory, "passwd");
        if (_authBlock is null)
        {
            await RegistryTools.RunAsync("htpasswd", ["-bc", passwd, Username, Password]);
        }

        var auth = _authBlock ?? $"""
            auth_param basic program /usr/lib/squid/basic_ncsa_auth {passwd}
            auth_param basic children 2 startup=1 idle=1
            auth_param basic realm test-proxy
            auth_param basic credentialsttl 1 second
            """;
        for (var attempt = 0; ; attempt++)
        {
            Port = RegistryTools.FreePort();
            var conf = Path.Combine(Directory, "squid.conf");
            var user = RegistryTools.IsRoot ? "cache_effective_user proxy\n" : string.Empty;
            await File.WriteAllTextAsync(conf, $"""
                http_port 127.0.0.1:{Port}
                pid_filename {Path.Combine(Directory, "squid.pid")}
                {user}cache deny all
                cache_mem 8 MB
                access_log stdio:{Path.Combine(Directory, "access.log")}
                cache_log {Path.Combine(Directory, "cache.log")}
                cache_store_log none
                coredump_dir {Directory}
                logfile_rotate 0
                shutdown_lifetime 1 seconds
                dns_nameservers 127.0.0.1
                hosts_file /etc/hosts
                dns_timeout 3 seconds
                pinger_enable off
                udp_incoming_address 127.0.0.1
                udp_outgoing_address 127.0.0.1
                {auth}
                acl localnet src 127.0.0.0/8
                acl authed proxy_auth REQUIRED
                http_access deny !localnet
                http_access allow authed
                http_access deny all

                """);
            await ChownAsync();
            _process = RegistryTools.Start("squid", ["-N", "-f", conf], _output, _environment);
            try
            {
                await WaitForPortAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 2)
            {
                RegistryTools.Stop(_process);
                _process = null;
            }
        }
    }

    private async Task ChownAsync()
    {
        if (RegistryTools.IsRoot)
        {
            await RegistryTools.RunAsync("chown", ["-R", "proxy:proxy", Directory]);
        }
    }

    private async Task WaitForPortAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                string log;
                lock (_output)
                {
                    log = _output.ToString();
                }

                throw new InvalidOperationException($"squid exited with {_process.ExitCode}: {log} {CacheLog}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException("squid did not listen in time: " + CacheLog);
    }
}
