using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>
/// The real Cosmos (with its bundled Runtime running tasks as processes) started as a separate process from its build
/// output on a free loopback port, with its own data directory; killed and removed at dispose.
/// </summary>
public sealed class CosmosProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _data;

    private CosmosProcess(Process process, string data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static async Task<CosmosProcess> StartAsync(params string[] settings)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Cosmos", "bin", configuration, "net10.0", "Universe.Cosmos.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Cosmos is not built at {dll}");
        }

        var data = Directory.CreateTempSubdirectory("mirror-e2e-cosmos-").FullName;
        var port = RegistryTools.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var output = new StringBuilder();
        // The agent's host port is one the OS just handed out, not the shared default range 10000-20000: other test
        // processes run Runtimes at the same time, and two agents handing out the same port made one task answer for another.
        var taskPort = RegistryTools.FreePort();
        var process = RegistryTools.Start(
            "dotnet",
            [dll, "--urls", address.ToString().TrimEnd('/'), $"--Cosmos:DataDirectory={data}", $"--Cosmos:DefaultRepositoryUri={Path.Combine(root, "universe")}", "--Runtime:AllocationIntervalMilliseconds=100", $"--Runtime:LocalAgent:Resources=cpus:2;mem:4096;disk:10000;ports:[{taskPort}-{taskPort}]", .. settings],
            output);
        var cosmos = new CosmosProcess(process, data, address);
        await RegistryTools.WaitUntilAnsweringAsync(new Uri(address, "capabilities"), process, () => output.ToString(), TimeSpan.FromSeconds(60));
        return cosmos;
    }

    /// <summary>POSTs a Cosmos RPC with its vendor media types.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> RpcAsync(string path, string kind, string responseVersion, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Accept", $"application/vnd.dcos.{kind}-response+json;charset=utf-8;version={responseVersion}");
        request.Content = new StringContent(JsonSerializer.Serialize(body));
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/vnd.dcos.{kind}-request+json;charset=utf-8;version=v1");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        RegistryTools.Stop(_process);
        await Task.Yield();
        RegistryTools.DeleteDirectory(_data);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Universe.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Universe.sln not found above the test directory");
    }
}
