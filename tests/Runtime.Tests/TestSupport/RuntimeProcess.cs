using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.TestSupport;

/// <summary>
/// The Runtime as a real child process (<c>dotnet Universe.Runtime.Host.dll</c>), for crash and restart tests. Its
/// stdout/stderr lines are kept (<see cref="Output"/>). Waiting for its exit is bounded: the Runtime's output pipes must
/// reach end-of-file when it dies, so a task, container shim or other process it started that still holds them is a
/// failure with a message, never a hang.
/// </summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    private RuntimeProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public int Pid => _process.Id;

    /// <summary>Every line the process wrote to stdout or stderr so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static async Task<RuntimeProcess> StartAsync(int port, IEnumerable<string> arguments, string logLevel = "Warning")
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
        info.ArgumentList.Add("--Logging:LogLevel:Default=" + logLevel);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var runtime = new RuntimeProcess(process, client);
        process.OutputDataReceived += (_, e) => runtime.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => runtime.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await RuntimeTestHost.WaitUntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"Runtime exited with {process.ExitCode}: {string.Join('\n', runtime.Output.TakeLast(20))}");
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
                    catch (TaskCanceledException)
                    {
                        return false;
                    }
                },
                "runtime child process answers /ping",
                TimeSpan.FromSeconds(60));
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }

        return runtime;
    }

    /// <summary>Waits until the process has exited by itself (for example through a fault-injection hook).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>SIGKILL: no shutdown code runs. Completes when the process is gone and its stdout/stderr are closed.</summary>
    public async Task SigKillAsync()
    {
        _process.Kill();
        await WaitForExitAndOutputAsync();
    }

    /// <summary>SIGTERM: a graceful stop (the host's shutdown runs). Completes when the process is gone and its output closed.</summary>
    public async Task StopAsync()
    {
        ProcessSignals.SignalProcess(_process.Id, ProcessSignals.SigTerm);
        await WaitForExitAndOutputAsync();
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
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            using var cancel = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Already reported by the test's own wait; don't hang the run on a pipe some leftover process holds.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>
    /// <see cref="Process.WaitForExitAsync"/> also waits for end-of-file on the redirected stdout/stderr: if another process
    /// inherited them (a task or container shim that outlives the Runtime), that never comes.
    /// </summary>
    private async Task WaitForExitAndOutputAsync()
    {
        using var cancel = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(_process.HasExited
                ? "The Runtime exited, but its stdout/stderr stayed open: a process it started (task, container shim) inherited them"
                : "The Runtime did not exit within " + ExitTimeout);
        }
    }
}
