using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Runs one health probe against a local task: HTTP(S) GET on 127.0.0.1 (200–399 healthy, no redirects followed,
/// certificates not validated, as Marathon), TCP connect, or a COMMAND run with the task's environment in its sandbox
/// (exit 0 healthy). The caller bounds every probe with the check's timeout through the token (a timeout throws
/// <see cref="OperationCanceledException"/>).
/// </summary>
internal sealed class HealthProbe(HttpClient http,
    Func<string, string, IReadOnlyDictionary<string, string>, TimeSpan, CancellationToken, Task<int>>? containerExec = null)
{
    public async Task<HealthProbeResult> RunAsync(
        HealthCheckSpec spec, TaskLaunchRequest request, string sandbox, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var protocol = spec.Protocol.ToUpperInvariant();
        try
        {
            return protocol switch
            {
                "COMMAND" when request.Container is not null && containerExec is not null =>
                    await ContainerCommandAsync(spec, request, environment, cancellationToken),
                "COMMAND" => await CommandAsync(spec, sandbox, environment, cancellationToken),
                "TCP" or "MESOS_TCP" => await TcpAsync(ResolvePort(spec, request), cancellationToken),
                "HTTP" or "MESOS_HTTP" => await HttpAsync(spec, "http", ResolvePort(spec, request), cancellationToken),
                "HTTPS" or "MESOS_HTTPS" => await HttpAsync(spec, "https", ResolvePort(spec, request), cancellationToken),
                _ => HealthProbeResult.Fail("unsupported health check protocol " + spec.Protocol),
            };
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or InvalidOperationException)
        {
            return HealthProbeResult.Fail(protocol + " health check failed: " + e.Message);
        }
    }

    private static int ResolvePort(HealthCheckSpec spec, TaskLaunchRequest request)
    {
        if (spec.Port is > 0 and <= 65535)
        {
            return spec.Port.Value;
        }

        var index = spec.PortIndex ?? 0;
        return index >= 0 && index < request.HostPorts.Count
            ? request.HostPorts[index]
            : throw new InvalidOperationException("the task has no port with index " + index.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<HealthProbeResult> HttpAsync(HealthCheckSpec spec, string scheme, int port, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrEmpty(spec.Path) ? "/" : spec.Path.StartsWith('/') ? spec.Path : "/" + spec.Path;
        var uri = new Uri(scheme + "://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + path);
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is >= 100 and < 200 && spec.IgnoreHttp1xx)
        {
            return new HealthProbeResult(null, null);
        }

        return status is >= 200 and < 400
            ? HealthProbeResult.Ok
            : HealthProbeResult.Fail("HTTP health check to " + path + " returned " + status.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<HealthProbeResult> TcpAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        return HealthProbeResult.Ok;
    }

    /// <summary>A COMMAND check of an image task runs inside its container (<c>runc exec … /bin/sh -c</c>), as Mesos does.</summary>
    private async Task<HealthProbeResult> ContainerCommandAsync(
        HealthCheckSpec spec, TaskLaunchRequest request, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var status = await containerExec!(request.TaskId, spec.Command ?? "false", environment, TimeSpan.FromSeconds(Math.Max(1, spec.TimeoutSeconds)), cancellationToken);
        return status == 0
            ? HealthProbeResult.Ok
            : HealthProbeResult.Fail("COMMAND health check exited with status " + status.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<HealthProbeResult> CommandAsync(
        HealthCheckSpec spec, string sandbox, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = sandbox,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(spec.Command ?? "false");
        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("the health check command did not start");
        process.StandardInput.Close();
        var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var drainErr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(drainOut, drainErr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode == 0
            ? HealthProbeResult.Ok
            : HealthProbeResult.Fail("COMMAND health check exited with status " + process.ExitCode.ToString(CultureInfo.InvariantCulture));
    }
}
