using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Universe.Registry;
using Universe.Testing.Registry;

// End-to-end figures for the registry client against the real tools, side by side:
//   pull   : first pull of a ~100 MB single-layer image from a loopback docker-registry, ImagePuller vs `skopeo copy … oci:`
//   rss    : a 1 GB blob streamed into the blob store: peak RSS (VmHWM) of this process
//   proxy  : a 100 MB blob through squid with basic auth: BlobDownloader vs `curl -x`
// Usage: dotnet run -c Release --project bench/Registry.Bench -- [pull|rss|proxy|all] [runs]
var mode = args.Length > 0 ? args[0] : "all";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var work = Directory.CreateTempSubdirectory("universe-registry-bench-").FullName;
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
try
{
    await using var registry = await RegistryServer.StartAsync();
    if (mode is "pull" or "all")
    {
        await PullAsync(registry, work, runs);
    }

    if (mode is "rss" or "all")
    {
        await RssAsync(registry, work);
    }

    if (mode is "proxy" or "all")
    {
        await ProxyAsync(registry, work, Math.Max(3, runs / 2));
    }
}
finally
{
    RegistryTools.DeleteDirectory(work);
}

Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

static async Task PullAsync(RegistryServer registry, string work, int runs)
{
    var layout = Path.Combine(work, "layout");
    var payload = Path.Combine(work, "payload.bin");
    await WriteRandomFileAsync(payload, 100L * 1024 * 1024);
    await RegistryTools.RunAsync("umoci", ["init", "--layout", layout]);
    await RegistryTools.RunAsync("umoci", ["new", "--image", $"{layout}:big"]);
    await RegistryTools.RunAsync("umoci", ["insert", "--image", $"{layout}:big", payload, "/data/payload.bin"], timeout: TimeSpan.FromMinutes(10));
    File.Delete(payload);
    await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:big", $"docker://{registry.Host}/bench/big:1"], timeout: TimeSpan.FromMinutes(10));
    var image = ImageReference.Parse($"{registry.Host}/bench/big:1");
    using var client = new RegistryClient();
    var ours = new List<double>();
    var skopeo = new List<double>();
    long bytes = 0;
    for (var i = 0; i < runs; i++)
    {
        var store = Path.Combine(work, "store-" + i);
        var sw = Stopwatch.StartNew();
        var pulled = await new ImagePuller(client, new BlobStore(store)).PullAsync(image);
        ours.Add(sw.Elapsed.TotalMilliseconds);
        bytes = pulled.BytesDownloaded;
        RegistryTools.DeleteDirectory(store);

        var target = Path.Combine(work, "skopeo-" + i);
        sw.Restart();
        await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", $"docker://{registry.Host}/bench/big:1", $"oci:{target}:big"], timeout: TimeSpan.FromMinutes(10));
        skopeo.Add(sw.Elapsed.TotalMilliseconds);
        RegistryTools.DeleteDirectory(target);
    }

    Console.WriteLine($"pull {bytes / 1e6:F1} MB image, {runs} runs: ImagePuller median {Median(ours):F0} ms (min {ours.Min():F0}), skopeo copy median {Median(skopeo):F0} ms (min {skopeo.Min():F0}); ratio {Median(ours) / Median(skopeo):F2}");
}

static async Task RssAsync(RegistryServer registry, string work)
{
    const long size = 1024L * 1024 * 1024;
    var digest = await UploadRandomBlobAsync(registry, "bench/huge", size);
    var before = VmHwmKb();
    using var client = new RegistryClient();
    var store = new BlobStore(Path.Combine(work, "rss-store"));
    var sw = Stopwatch.StartNew();
    await client.DownloadBlobAsync(ImageReference.Parse($"{registry.Host}/bench/huge:1"), new Descriptor(MediaTypes.OciLayer, digest, size), store);
    var elapsed = sw.Elapsed;
    Console.WriteLine($"rss 1 GiB blob into the store in {elapsed.TotalSeconds:F1} s ({size / 1e6 / elapsed.TotalSeconds:F0} MB/s): peak RSS before {before / 1024} MB, after {VmHwmKb() / 1024} MB, managed heap {GC.GetTotalMemory(false) / 1e6:F1} MB");
    store.Delete(digest);
}

static async Task ProxyAsync(RegistryServer registry, string work, int runs)
{
    await using var squid = await SquidProxy.StartAsync();
    const long size = 100L * 1024 * 1024;
    var digest = await UploadRandomBlobAsync(registry, "bench/proxied", size);
    var credentials = Path.Combine(work, "proxy-credentials");
    await File.WriteAllTextAsync(credentials, $"{squid.Username}:{squid.Password}\n");
    using var client = new RegistryClient(new RegistryClientOptions { Proxy = ProxySettings.Create(squid.Url.ToString(), credentials, environment: _ => null) });
    var image = ImageReference.Parse($"{registry.Host}/bench/proxied:1");
    var ours = new List<double>();
    var curl = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var store = new BlobStore(Path.Combine(work, "proxy-store-" + i));
        var sw = Stopwatch.StartNew();
        await client.DownloadBlobAsync(image, new Descriptor(MediaTypes.OciLayer, digest, size), store);
        ours.Add(sw.Elapsed.TotalMilliseconds);
        RegistryTools.DeleteDirectory(store.Root);

        var output = Path.Combine(work, "curl-" + i);
        sw.Restart();
        await RegistryTools.RunAsync("curl", ["-sSf", "-x", squid.Url.ToString(), "-U", $"{squid.Username}:{squid.Password}", "-o", output, $"http://{registry.Host}/v2/bench/proxied/blobs/{digest}"]);
        curl.Add(sw.Elapsed.TotalMilliseconds);
        File.Delete(output);
    }

    Console.WriteLine($"proxy 100 MiB blob through squid, {runs} runs: RegistryClient median {Median(ours):F0} ms ({size / 1e3 / Median(ours):F0} MB/s), curl median {Median(curl):F0} ms ({size / 1e3 / Median(curl):F0} MB/s); throughput ratio {Median(curl) / Median(ours):F2}");
}

static async Task<string> UploadRandomBlobAsync(RegistryServer registry, string repository, long size)
{
    var path = Path.Combine(registry.Directory, "upload-" + Guid.NewGuid().ToString("N"));
    await WriteRandomFileAsync(path, size);
    string digest;
    await using (var read = File.OpenRead(path))
    {
        digest = await ContentDigest.ComputeAsync(read);
    }

    using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(10) };
    using var start = await http.PostAsync(new Uri(registry.BaseUri, $"/v2/{repository}/blobs/uploads/"), null);
    start.EnsureSuccessStatusCode();
    var put = new UriBuilder(new Uri(registry.BaseUri, start.Headers.Location!));
    put.Query = (put.Query.TrimStart('?') + "&digest=" + Uri.EscapeDataString(digest)).TrimStart('&');
    await using (var body = File.OpenRead(path))
    {
        using var content = new StreamContent(body, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = size;
        using var done = await http.PutAsync(put.Uri, content);
        done.EnsureSuccessStatusCode();
    }

    File.Delete(path);
    return digest;
}

static async Task WriteRandomFileAsync(string path, long size)
{
    var random = new Random(42);
    var buffer = new byte[1 << 20];
    await using var file = File.Create(path);
    for (long written = 0; written < size; written += buffer.Length)
    {
        random.NextBytes(buffer);
        await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written)));
    }
}

static long VmHwmKb()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
