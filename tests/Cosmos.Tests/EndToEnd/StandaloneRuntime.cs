using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>
/// The standalone Runtime (<c>Universe.Runtime.Host</c>) as a real child process on a free loopback port, with a
/// real local agent: an "external Marathon" for Cosmos (<c>Cosmos:Marathon:Url</c>). Dispose deletes every app,
/// waits for its tasks to end (tasks outlive the Runtime), stops the process and removes its data directory.
/// </summary>
internal sealed class StandaloneRuntime : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private StandaloneRuntime(Process process, string dataDirectory, Uri url)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Url = url;
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Url { get; }

    public HttpClient Client { get; }

    public static async Task<StandaloneRuntime> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "standalone-runtime-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Universe.Runtime.Host.Program).Assembly.Location);
        foreach (var argument in new[]
        {
            "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning",
            $"--Runtime:DataDirectory={dataDirectory}", "--Runtime:AllocationIntervalMilliseconds=50",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var runtime = new StandaloneRuntime(process, dataDirectory, new Uri($"http://127.0.0.1:{port}/"));
        await Poll.UntilAsync("the standalone Runtime answers /ping", TimeSpan.FromSeconds(30), async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the standalone Runtime exited with {process.ExitCode}");
            }

            using var response = await runtime.Client.GetAsync(new Uri("ping", UriKind.Relative));
            return response.IsSuccessStatusCode ? "up" : null;
        });
        return runtime;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await DeleteAllAppsAsync();
            }
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Client.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task DeleteAllAppsAsync()
    {
        var apps = JsonNode.Parse(await Client.GetStringAsync(new Uri("v2/apps", UriKind.Relative)))!["apps"]!.AsArray();
        foreach (var id in apps.Select(a => a!["id"]!.GetValue<string>()))
        {
            using var response = await Client.DeleteAsync(new Uri("v2/apps" + id + "?force=true", UriKind.Relative));
        }

        await Poll.UntilAsync("every task of the standalone Runtime has ended", TimeSpan.FromSeconds(30), async () =>
            JsonNode.Parse(await Client.GetStringAsync(new Uri("v2/tasks", UriKind.Relative)))!["tasks"]!.AsArray().Count == 0 ? "none" : null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
