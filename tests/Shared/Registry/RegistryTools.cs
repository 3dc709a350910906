using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Universe.Testing.Registry;

/// <summary>
/// The real third-party tools the registry fixtures drive (Debian's docker-registry, skopeo, umoci, htpasswd,
/// busybox-static, squid). Outside CI a missing tool skips the test with a reason; with CI=true it fails.
/// </summary>
public static class RegistryTools
{
    public const string DockerRegistry = "/usr/bin/docker-registry";
    public const string Busybox = "/bin/busybox";

    /// <summary>True when CI=true: nothing may be skipped.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the process runs as root (umoci then keeps ownership; otherwise it runs --rootless).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The full path of <paramref name="tool"/> on PATH (or the absolute path itself), or null.</summary>
    public static string? Find(string tool)
    {
        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool) ? tool : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Null when every tool is present, else a skip reason naming the missing ones and the Debian packages.</summary>
    public static string? MissingReason(params string[] tools)
    {
        var missing = tools.Where(t => Find(t) is null).ToList();
        return missing.Count == 0
            ? null
            : $"missing {string.Join(", ", missing)} (run scripts/install-deps: docker-registry skopeo umoci apache2-utils busybox-static squid; NTLM: gss-ntlmssp python3-gssapi)";
    }

    /// <summary>The tools the registry and image fixtures need.</summary>
    public static readonly string[] ImageTools = [DockerRegistry, "skopeo", "umoci", "htpasswd", Busybox];

    /// <summary>A free TCP port on 127.0.0.1 (released before returning; the caller binds it soon after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a tool to completion; throws with its output when the exit code is not 0.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var path = Find(file) ?? throw new InvalidOperationException(MissingReason(file));
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} timed out");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited with {process.ExitCode}: {errors}{output}");
        }

        return output;
    }

    /// <summary>Polls <paramref name="url"/> until it answers (any HTTP status) or the process dies or time runs out.</summary>
    public static async Task WaitUntilAnsweringAsync(Uri url, Process process, Func<string> diagnostics, TimeSpan? timeout = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before answering: {diagnostics()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException($"{url} did not answer in time: {diagnostics()}");
    }

    /// <summary>Starts a long-running tool with its output captured into a buffer.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, StringBuilder output, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(Find(file) ?? throw new InvalidOperationException(MissingReason(file)))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills a process started by a fixture and waits for it.</summary>
    public static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    /// <summary>Deletes a fixture directory, ignoring what cannot be removed.</summary>
    public static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }
}
