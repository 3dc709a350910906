using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>
/// A real squid forward proxy with <c>basic_ncsa_auth</c> on a free loopback port (recipe: ecosystem.md §1), in its
/// own temp directory, ended at dispose. Passwords live in an htpasswd file that <see cref="SetPassword"/> rewrites
/// (the helper re-reads it, so a rotation takes effect without restarting squid).
/// </summary>
public sealed class SquidProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private SquidProxy(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public string AccessLog => File.Exists(Path.Combine(_directory, "access.log")) ? File.ReadAllText(Path.Combine(_directory, "access.log")) : string.Empty;

    public static async Task<SquidProxy> StartAsync(string user, string password)
    {
        var squid = Tools.Require("squid");
        var directory = Directory.CreateTempSubdirectory("squid-").FullName;
        var port = FreePort();
        RunTool("htpasswd", "-bc", Path.Combine(directory, "passwd"), user, password);
        await File.WriteAllTextAsync(Path.Combine(directory, "squid.conf"), $"""
            http_port 127.0.0.1:{port}
            pid_filename {directory}/squid.pid
            cache_effective_user proxy
            cache deny all
            cache_mem 8 MB
            access_log stdio:{directory}/access.log
            cache_log {directory}/cache.log
            cache_store_log none
            coredump_dir {directory}
            logfile_rotate 0
            shutdown_lifetime 1 seconds
            dns_nameservers 127.0.0.1
            hosts_file /etc/hosts
            dns_timeout 3 seconds
            pinger_enable off
            udp_incoming_address 127.0.0.1
            udp_outgoing_address 127.0.0.1
            auth_param basic program {Tools.Require("basic_ncsa_auth")} {directory}/passwd
            auth_param basic children 2 startup=1 idle=1
            auth_param basic realm test-proxy
            auth_param basic credentialsttl 1 second
            acl localnet src 127.0.0.0/8
            acl authed proxy_auth REQUIRED
            http_access deny !localnet
            http_access allow authed
            http_access deny all
            """);
        RunTool("chown", "-R", "proxy:proxy", directory);
        var start = new ProcessStartInfo(squid, ["-N", "-f", Path.Combine(directory, "squid.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("squid did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var proxy = new SquidProxy(process, directory, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(directory, "cache.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "cache.log")) : string.Empty;
                throw new InvalidOperationException($"squid exited with {process.ExitCode}: {log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await proxy.DisposeAsync();
        throw new TimeoutException("squid did not listen within 20 s");
    }

    /// <summary>Sets (or rotates) a user's password in the htpasswd file squid's helper reads.</summary>
    public void SetPassword(string user, string password)
    {
        var file = Path.Combine(_directory, "passwd");
        var before = File.GetLastWriteTimeUtc(file);
        RunTool("htpasswd", "-b", file, user, password);
        RunTool("chown", "proxy:proxy", file);

        // basic_ncsa_auth reloads the file when its mtime (whole seconds) changes: make sure it does.
        File.SetLastWriteTimeUtc(file, before.AddSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // squid's helpers may still hold a log for a moment; the temp cleaner gets it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunTool(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(Tools.Require(tool), args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}
