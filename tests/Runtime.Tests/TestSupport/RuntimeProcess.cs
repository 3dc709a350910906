using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Universe.Runtime.Tests.TestSupport;

/// <summary>The Runtime as a real child process (<c>dotnet Universe.Runtime.dll</c>), for crash and restart tests.</summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private RuntimeProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<RuntimeProcess> StartAsync(int port, IEnumerable<string> arguments)
    {
        var dll = typeof(Universe.Runtime.Host.Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var runtime = new RuntimeProcess(process, client);
        await RuntimeTestHost.WaitUntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Runtime exited with {process.ExitCode}");
                }

                try
                {
                    using var response = await client.GetAsync("ping");
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "runtime child process answers /ping",
            TimeSpan.FromSeconds(30));
        return runtime;
    }

    /// <summary>Waits until the process has exited by itself (for example through a fault-injection hook).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task SigKillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
