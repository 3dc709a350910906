using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Transfer;
using Universe.Cosmos.Packages;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.EndToEnd;

/// <summary>
/// The whole air-gap path with real parts: mirror through squid (basic auth) from a local upstream, export signed,
/// import into a fresh directory, upstream switched off, serve the bundle, and a real Cosmos process adds the served
/// repository and installs a package whose Runtime task fetches its asset from the bundle.
/// </summary>
public sealed class AirGapEndToEndTests : IDisposable
{
    private const string Page = "<h1>served from the air-gapped bundle</h1>\n";
    private readonly MirrorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [RegistryFact("squid")]
    public async Task MirrorThroughSquid_ExportImportServe_CosmosInstallsWithAssetsFromTheBundle()
    {
        await using var squid = await SquidProxy.StartAsync("alice", "e2e-Secret-9");
        var credentials = Path.Combine(_harness.Root, "proxy.credentials");
        await File.WriteAllTextAsync(credentials, "alice:e2e-Secret-9\n");
        var upstream = await UpstreamServer.StartAsync();
        upstream.Add("site/index.html", System.Text.Encoding.UTF8.GetBytes(Page));
        AddSitePackage(upstream.Url("site/index.html"));

        Assert.Equal(0, await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(squid.Url.ToString(), credentials))));
        Assert.Contains("alice", squid.AccessLog, StringComparison.Ordinal);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(Path.Combine(_harness.Root, "sign.key"), key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(_harness.Root, "trust.pub"), key.ExportSubjectPublicKeyInfoPem());
        var console = new StringWriter();
        Assert.Equal(0, await new ExportRunner(console, console).RunAsync(new ExportArgs(_harness.Bundle, Path.Combine(_harness.Root, "media", "universe.tar"), null, Path.Combine(_harness.Root, "sign.key"), null), CancellationToken.None));
        var offline = Path.Combine(_harness.Root, "offline");
        Assert.Equal(0, await new ImportRunner(console, console).RunAsync(new ImportArgs(Path.Combine(_harness.Root, "media", "universe.tar"), offline, Path.Combine(_harness.Root, "trust.pub")), CancellationToken.None));
        await upstream.DisposeAsync();

        await using var served = await ServedBundle.StartAsync(offline);
        await using var cosmos = await CosmosProcess.StartAsync();
        var (addStatus, added) = await cosmos.RpcAsync("/package/repository/add", "package.repository.add", "v1", new { name = "air-gapped", uri = new Uri(served.Address, "repo").ToString(), index = 0 });
        Assert.True(addStatus == HttpStatusCode.OK, added?.ToJsonString());
        var (installStatus, installed) = await cosmos.RpcAsync("/package/install", "package.install", "v2", new { packageName = "bundled-site" });
        Assert.True(installStatus == HttpStatusCode.OK, installed?.ToJsonString());
        try
        {
            var port = await TaskPortAsync(cosmos);
            using var web = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
            var body = await web.GetStringAsync(new Uri($"http://127.0.0.1:{port}/index.html"));

            Assert.Equal(Page, body);
            Assert.Contains(served.Requests, r => r.StartsWith("GET /resources/", StringComparison.Ordinal) && r.EndsWith("/index.html", StringComparison.Ordinal));
        }
        finally
        {
            await cosmos.RpcAsync("/package/uninstall", "package.uninstall", "v1", new { packageName = "bundled-site", all = true });
            await WaitNoTasksAsync(cosmos);
        }
    }

    private void AddSitePackage(string pageUrl)
    {
        var json = new JsonObject
        {
            ["packagingVersion"] = "4.0",
            ["name"] = "bundled-site",
            ["version"] = "1.0.0",
            ["maintainer"] = "mirror@example.com",
            ["description"] = "a page fetched from the bundle",
            ["tags"] = new JsonArray("test"),
            ["releaseVersion"] = 0L,
            ["resource"] = new JsonObject { ["assets"] = new JsonObject { ["uris"] = new JsonObject { ["page"] = pageUrl } } },
            ["marathon"] = new JsonObject
            {
                ["v2AppMustacheTemplate"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("""
                    {
                      "id": "/bundled-site",
                      "instances": 1,
                      "cpus": 0.1,
                      "mem": 64,
                      "fetch": [{ "uri": "{{resource.assets.uris.page}}" }],
                      "cmd": "exec python3 -m http.server $PORT0 --bind 127.0.0.1",
                      "portDefinitions": [{ "port": 0, "protocol": "tcp", "name": "http" }]
                    }
                    """)),
            },
        };
        UniverseTreeWriter.WriteRevision(Path.Combine(_harness.Source, "repo", "packages"), PackageDecoder.Decode(json));
    }

    private static async Task<int> TaskPortAsync(CosmosProcess cosmos)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await cosmos.Http.GetAsync("marathon/v2/apps/bundled-site/tasks");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && JsonNode.Parse(last)?["tasks"] is JsonArray tasks)
            {
                foreach (var task in tasks.OfType<JsonObject>())
                {
                    if (task["state"]?.GetValue<string>() == "TASK_RUNNING" && task["ports"] is JsonArray { Count: > 0 } ports)
                    {
                        var port = ports[0]!.GetValue<int>();
                        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
                        try
                        {
                            using var ok = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/index.html"));
                            if (ok.IsSuccessStatusCode)
                            {
                                return port;
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            // Not listening yet.
                        }
                    }
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the bundled-site task did not serve its fetched page within 60 s; last tasks: {last}");
    }

    private static async Task WaitNoTasksAsync(CosmosProcess cosmos)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await cosmos.Http.GetAsync("marathon/v2/tasks");
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync())?["tasks"] is JsonArray { Count: 0 })
            {
                return;
            }

            await Task.Delay(200);
        }
    }
}
