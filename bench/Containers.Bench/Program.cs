using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Universe.Registry;
using Universe.Runtime.Containers.Layers;
using Universe.Testing.Registry;

// Container figures of the Runtime, against a real Runtime process (Universe.Runtime.Host), Debian's docker-registry on
// loopback, runc and the real tools, side by side:
//   start : POST /v2/apps of a DOCKER app whose image is cached -> TASK_RUNNING, timed from the POST to the
//           status_update_event on /v2/events (SSE, opened beforehand; no polling in the figure). runc start included.
//   pull  : first pull of a ~100 MB image: (1) pull+store, ImagePuller into the blob store vs `skopeo copy docker:// oci:`;
//           (2) pull+unpack, ImagePuller + the Runtime's layer store vs `skopeo copy` + `umoci unpack`;
//           (3) POST -> TASK_RUNNING of a DOCKER app with that image on a fresh Runtime (pull + unpack + runc start).
//   idle  : N containers running (default 50): the Runtime process's CPU over 30 s.
// Usage (as root, after `dotnet build bench/Containers.Bench -c Release`):
//   dotnet bench/Containers.Bench/bin/Release/net10.0/Containers.Bench.dll [start|pull|idle|all] [runs] [containers]
var mode = args.Length > 0 ? args[0] : "all";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var containers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var work = Directory.CreateTempSubdirectory("universe-containers-bench-").FullName;
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
try
{
    await using var registry = await RegistryServer.StartAsync();
    var images = await TestImages.BuildAsync(Path.Combine(work, "images"));
    await images.PushAsync(registry, TestImages.Hello, "library/hello", "latest");
    if (mode is "start" or "all")
    {
        await StartLatencyAsync(registry, work, runs);
    }

    if (mode is "pull" or "all")
    {
        await PullAsync(registry, images, work, Math.Max(3, runs / 3));
    }

    if (mode is "idle" or "all")
    {
        await IdleAsync(registry, work, containers);
    }
}
finally
{
    RegistryTools.DeleteDirectory(work);
}

Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

static async Task StartLatencyAsync(RegistryServer registry, string work, int runs)
{
    await using var runtime = await RuntimeProcess.StartAsync(registry, Path.Combine(work, "rt-start"), "ubs0");
    await using var events = await runtime.SubscribeAsync();
    const string app = """{"id":"/ID","cpus":0.01,"mem":32,"cmd":"exec sleep 600","container":{"type":"DOCKER","docker":{"image":"hello"}}}""";

    // Warm-up: pulls the image (then cached), unpacks its layers, JITs the launch path.
    for (var i = 0; i < 2; i++)
    {
        await runtime.PostAndWaitRunningAsync(events, app.Replace("ID", "warm" + i, StringComparison.Ordinal), "/warm" + i);
        await runtime.DeleteAsync("/warm" + i);
    }

    var latencies = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var id = "/c" + i.ToString(CultureInfo.InvariantCulture);
        latencies.Add(await runtime.PostAndWaitRunningAsync(events, app.Replace("ID", id[1..], StringComparison.Ordinal), id));
        await runtime.DeleteAsync(id);
    }

    Console.WriteLine($"start: POST /v2/apps (cached image) -> TASK_RUNNING event, {runs} runs: median {Median(latencies):F0} ms, min {latencies.Min():F0}, max {latencies.Max():F0}; all [{string.Join(", ", latencies.Select(l => l.ToString("F0", CultureInfo.InvariantCulture)))}]");
    var phases = runtime.StartPhases().Skip(2).ToList();
    if (phases.Count > 0)
    {
        Console.WriteLine($"start phases inside the Runtime (medians of its log): container start {Median([.. phases.Select(p => p[0])]):F0} ms = rootfs {Median([.. phases.Select(p => p[1])]):F0} + bundle {Median([.. phases.Select(p => p[2])]):F0} + runc {Median([.. phases.Select(p => p[3])]):F0} ms");
    }
}

static async Task PullAsync(RegistryServer registry, TestImages images, string work, int runs)
{
    var layout = images.LayoutDirectory;
    var payload = Path.Combine(work, "payload.bin");
    await using (var file = File.Create(payload))
    {
        var buffer = new byte[1 << 20];
        for (var i = 0; i < 100; i++)
        {
            Random.Shared.NextBytes(buffer);
            await file.WriteAsync(buffer);
        }
    }

    await RegistryTools.RunAsync("umoci", ["insert", "--image", $"{layout}:{TestImages.Hello}", "--tag", "big", payload, "/data/payload.bin"], timeout: TimeSpan.FromMinutes(10));
    File.Delete(payload);
    await images.PushAsync(registry, "big", "library/big", "latest");
    var source = $"docker://{registry.Host}/library/big:latest";
    var image = ImageReference.Parse($"{registry.Host}/library/big:latest");
    using var client = new RegistryClient();

    var oursStore = new List<double>();
    var skopeoStore = new List<double>();
    var oursUnpack = new List<double>();
    var skopeoUnpack = new List<double>();
    long bytes = 0;
    for (var i = 0; i < runs; i++)
    {
        var store = Path.Combine(work, "store-" + i);
        var sw = Stopwatch.StartNew();
        var pulled = await new ImagePuller(client, new BlobStore(store)).PullAsync(image);
        oursStore.Add(sw.Elapsed.TotalMilliseconds);
        bytes = pulled.BytesDownloaded;
        RegistryTools.DeleteDirectory(store);

        var target = Path.Combine(work, "skopeo-" + i);
        sw.Restart();
        await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", source, $"oci:{target}:big"], timeout: TimeSpan.FromMinutes(10));
        skopeoStore.Add(sw.Elapsed.TotalMilliseconds);
        RegistryTools.DeleteDirectory(target);

        // pull + unpack: the blob store then every layer unpacked (verified) into the Runtime's layer store.
        sw.Restart();
        var blobs = new BlobStore(store);
        pulled = await new ImagePuller(client, blobs).PullAsync(image);
        var layers = new LayerStore(Path.Combine(work, "layers-" + i));
        for (var l = 0; l < pulled.Layers.Count; l++)
        {
            var digest = pulled.Layers[l].Digest;
            await layers.EnsureAsync(pulled.ImageConfig.DiffIds[l], () => blobs.OpenRead(digest), CancellationToken.None);
        }

        oursUnpack.Add(sw.Elapsed.TotalMilliseconds);
        RegistryTools.DeleteDirectory(store);
        RegistryTools.DeleteDirectory(layers.Root);

        sw.Restart();
        await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", source, $"oci:{target}:big"], timeout: TimeSpan.FromMinutes(10));
        await RegistryTools.RunAsync("umoci", ["unpack", "--image", $"{target}:big", target + "-bundle"], timeout: TimeSpan.FromMinutes(10));
        skopeoUnpack.Add(sw.Elapsed.TotalMilliseconds);
        RegistryTools.DeleteDirectory(target);
        RegistryTools.DeleteDirectory(target + "-bundle");
    }

    Console.WriteLine($"pull+store {bytes / 1e6:F1} MB, {runs} runs: ImagePuller median {Median(oursStore):F0} ms (min {oursStore.Min():F0}), skopeo copy median {Median(skopeoStore):F0} ms (min {skopeoStore.Min():F0}); ratio {Median(oursStore) / Median(skopeoStore):F2}");
    Console.WriteLine($"pull+unpack, {runs} runs: ImagePuller + LayerStore median {Median(oursUnpack):F0} ms (min {oursUnpack.Min():F0}), skopeo copy + umoci unpack median {Median(skopeoUnpack):F0} ms (min {skopeoUnpack.Min():F0}); ratio {Median(oursUnpack) / Median(skopeoUnpack):F2}");

    // The whole first start through the Runtime: a fresh data directory each run, so nothing is cached.
    var firstStart = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        await using var runtime = await RuntimeProcess.StartAsync(registry, Path.Combine(work, "rt-pull-" + i), "ubp" + i);
        await using var events = await runtime.SubscribeAsync();
        firstStart.Add(await runtime.PostAndWaitRunningAsync(events,
            """{"id":"/big","cpus":0.01,"mem":32,"cmd":"exec sleep 600","container":{"type":"DOCKER","docker":{"image":"big"}}}""", "/big"));
        await runtime.DeleteAsync("/big");
    }

    Console.WriteLine($"first start of the ~100 MB image through the Runtime (POST -> TASK_RUNNING event: pull + verify + unpack + runc), {runs} runs: median {Median(firstStart):F0} ms (min {firstStart.Min():F0})");
}

static async Task IdleAsync(RegistryServer registry, string work, int count)
{
    await using var runtime = await RuntimeProcess.StartAsync(registry, Path.Combine(work, "rt-idle"), "ubi0", count);
    await using var events = await runtime.SubscribeAsync();
    await runtime.PostAndWaitRunningAsync(events,
        """{"id":"/fifty","instances":COUNT,"cpus":0.01,"mem":16,"cmd":"exec sleep 3600","container":{"type":"DOCKER","docker":{"image":"hello"}}}""".Replace("COUNT", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        "/fifty", count, TimeSpan.FromMinutes(5));
    await Task.Delay(TimeSpan.FromSeconds(5));
    var before = runtime.CpuTicks();
    var load = File.ReadAllText("/proc/loadavg").Trim();
    await Task.Delay(TimeSpan.FromSeconds(30));
    var ticks = runtime.CpuTicks() - before;
    var running = (await RegistryTools.RunAsync("runc", ["--root", runtime.RuncRoot, "list", "--quiet"])).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    Console.WriteLine($"idle: {running} containers running (runc list), Runtime CPU over 30 s: {ticks / 100.0 / 30 * 100:F2} % of one core (load at start {load})");
    await runtime.DeleteAsync("/fifty", TimeSpan.FromMinutes(3));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>A Runtime host process with a local agent that runs containers in its own runc root, bridge and cgroup.</summary>
internal sealed class RuntimeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _bridge;

    private RuntimeProcess(Process process, StringBuilder output, Uri url, string dataDirectory, string bridge)
    {
        _process = process;
        _output = output;
        _bridge = bridge;
        DataDirectory = dataDirectory;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Http { get; }

    public string DataDirectory { get; }

    public string RuncRoot => Path.Combine(DataDirectory, "containers", "runc");

    /// <summary>Starts the Runtime; its agent offers <paramref name="ports"/> host ports from an OS-chosen free one (sleeping tasks bind none).</summary>
    public static async Task<RuntimeProcess> StartAsync(RegistryServer registry, string dataDirectory, string bridge, int ports = 1)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = RegistryTools.FreePort();
        var hostPorts = RegistryTools.FreePort();
        var output = new StringBuilder();
        var subnet = 200 + (Environment.ProcessId % 50);
        var process = RegistryTools.Start("dotnet", [
            HostDll(), "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Universe.Runtime.Tasks.LocalTaskExecutor=Information",
            "--Runtime:DataDirectory=" + dataDirectory, "--Runtime:LocalAgent:Enabled=true",
            $"--Runtime:LocalAgent:Resources=cpus:8;mem:16384;disk:100000;ports:[{hostPorts}-{Math.Min(65535, hostPorts + ports - 1)}]",
            "--Runtime:SimulatedAgents:Count=0", "--Runtime:Containers:BridgeName=" + bridge,
            $"--Runtime:Containers:Subnet=10.{subnet}.{bridge.Length + bridge[^1]}.0/24", "--Runtime:Containers:CgroupParent=universe-bench-" + bridge,
            "--Runtime:Registries:docker.io:Mirror=http://" + registry.Host,
        ], output);
        var runtime = new RuntimeProcess(process, output, new Uri($"http://127.0.0.1:{port}/"), dataDirectory, bridge);
        await RegistryTools.WaitUntilAnsweringAsync(new Uri(runtime.Http.BaseAddress!, "ping"), process, () => output.ToString(), TimeSpan.FromSeconds(60));
        return runtime;
    }

    /// <summary>Opens <c>/v2/events</c> filtered to status updates; the reader yields (appId, taskStatus).</summary>
    public async Task<EventSubscription> SubscribeAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "v2/events?event_type=status_update_event");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventSubscription(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>POSTs the app and returns the milliseconds until <paramref name="instances"/> TASK_RUNNING events of it arrived.</summary>
    public async Task<double> PostAndWaitRunningAsync(EventSubscription events, string json, string appId, int instances = 1, TimeSpan? timeout = null)
    {
        events.Drain();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var sw = Stopwatch.StartNew();
        using (var response = await Http.PostAsync("v2/apps", content))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException("POST /v2/apps: " + (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync());
            }
        }

        var running = 0;
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        while (running < instances)
        {
            var (app, status, message) = await events.Updates.ReadAsync(limit.Token);
            if (app != appId)
            {
                continue;
            }

            if (status == "TASK_RUNNING")
            {
                running++;
            }
            else if (status is "TASK_FAILED" or "TASK_ERROR")
            {
                throw new InvalidOperationException($"{appId}: {status} {message}\n{_output}");
            }
        }

        return sw.Elapsed.TotalMilliseconds;
    }

    public async Task DeleteAsync(string appId, TimeSpan? timeout = null)
    {
        (await Http.DeleteAsync("v2/apps" + appId + "?force=true")).Dispose();
        var deadline = Stopwatch.StartNew();
        while (JsonNode.Parse(await Http.GetStringAsync("v2/tasks"))!["tasks"]!.AsArray().Count > 0)
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("tasks of " + appId + " still there");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The engine's start timings from the log: [total, rootfs, bundle, runc] per container, in order.</summary>
    public List<double[]> StartPhases()
    {
        var pattern = new System.Text.RegularExpressions.Regex(@"in (\d+) ms: rootfs (\d+) ms, bundle \(user, network, config\.json\) (\d+) ms, runc until the pid file (\d+) ms");
        string text;
        lock (_output)
        {
            text = _output.ToString();
        }

        return [.. pattern.Matches(text).Select(m => new[] { double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) })];
    }

    /// <summary>utime + stime of the Runtime process, in clock ticks (1/100 s).</summary>
    public long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        RegistryTools.Stop(_process);
        Http.Dispose();
        if (Directory.Exists(RuncRoot))
        {
            foreach (var id in (await RegistryTools.RunAsync("runc", ["--root", RuncRoot, "list", "--quiet"])).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await RegistryTools.RunAsync("runc", ["--root", RuncRoot, "delete", "--force", id]);
            }
        }

        try
        {
            await RegistryTools.RunAsync("ip", ["link", "delete", _bridge]);
        }
        catch (InvalidOperationException)
        {
        }

        foreach (var controller in Directory.GetDirectories("/sys/fs/cgroup"))
        {
            var parent = Path.Combine(controller, "universe-bench-" + _bridge);
            foreach (var cgroup in Directory.Exists(parent) ? Directory.GetDirectories(parent).Append(parent) : [])
            {
                try
                {
                    Directory.Delete(cgroup);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static string HostDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "Universe.Runtime.Host.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Universe.Runtime.Host.runtimeconfig.json")))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Runtime", "Host", "bin", "Release", "net10.0", "Universe.Runtime.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Universe.Runtime.Host.dll (build src/Runtime/Host -c Release)");
    }
}

/// <summary>The SSE stream of status updates, parsed on a background reader into (appId, taskStatus, message).</summary>
internal sealed class EventSubscription : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;
    private readonly Channel<(string AppId, string Status, string Message)> _updates = Channel.CreateUnbounded<(string, string, string)>();
    private readonly Task _reader;

    public EventSubscription(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _stream = stream;
        _reader = Task.Run(ReadAsync);
    }

    public ChannelReader<(string AppId, string Status, string Message)> Updates => _updates.Reader;

    public void Drain()
    {
        while (_updates.Reader.TryRead(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        await _stream.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException)
        {
        }
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(_stream, Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var data = JsonNode.Parse(line["data: ".Length..]);
            if ((string?)data?["eventType"] == "status_update_event" || data?["taskStatus"] is not null)
            {
                await _updates.Writer.WriteAsync(((string?)data!["appId"] ?? string.Empty, (string?)data["taskStatus"] ?? string.Empty, (string?)data["message"] ?? string.Empty));
            }
        }
    }
}
