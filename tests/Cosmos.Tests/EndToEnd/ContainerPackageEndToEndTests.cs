using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Services;
using Universe.Runtime.Tests.Containers;
using Universe.Testing.Registry;

namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>
/// A Docker-image package the way upstream Universe writes them (<c>resource.json</c> with
/// <c>assets.container.docker</c>, <c>marathon.json.mustache</c> naming it as
/// <c>{{resource.assets.container.docker.…}}</c>, legacy <c>docker.network</c>/<c>docker.portMappings</c>), installed
/// through Cosmos onto the bundled Runtime. The image is <c>docker.io/library/busybox-httpd</c>, served by Debian's
/// docker-registry on loopback configured as the docker.io mirror; the container (runc, CNI bridge) answers HTTP on its
/// mapped host port.
/// </summary>
public sealed class ContainerPackageEndToEndTests
{
    private const string Image = "docker.io/library/busybox-httpd:1.36";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [ContainerFact]
    public async Task UpstreamShapedDockerPackage_InstalledThroughCosmos_PulledFromTheDockerIoMirrorAndServesHttp()
    {
        await using var registry = await RegistryServer.StartAsync();
        var images = await TestImages.SharedAsync();
        await images.PushAsync(registry, TestImages.Web, "library/busybox-httpd", "1.36");
        var universe = CreateUniverse();
        var containers = Path.Combine(Path.GetTempPath(), "cosmos-containers-" + Guid.NewGuid().ToString("N"));
        var tag = (Environment.ProcessId % 4096).ToString("x", CultureInfo.InvariantCulture);
        var bridge = "ucos" + tag;
        var port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:Registries:docker.io:Mirror"] = "http://" + registry.Host,
            ["Runtime:LocalAgent:Resources"] = $"cpus:2;mem:2048;disk:1000;ports:[{port}-{port}]",
            ["Runtime:Containers:StoreDirectory"] = containers,
            ["Runtime:Containers:BridgeName"] = bridge,
            ["Runtime:Containers:Subnet"] = "10." + (200 + (Environment.ProcessId % 20)).ToString(CultureInfo.InvariantCulture) + ".77.0/24",
            ["Runtime:Containers:CgroupParent"] = "universe-cosmos-tests-" + tag,
        };
        try
        {
            await using var host = new ServicesHost(realProcesses: true, settings: settings, repositoryUri: universe);
            using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

            var (status, installed) = await host.InstallAsync(new { packageName = "httpd-box", options = new { service = new { name = "httpd-box" } } });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("/httpd-box", installed!["appId"]!.GetValue<string>());

            var (_, app) = await host.MarathonGetAsync("v2/apps/httpd-box");
            Assert.Equal(Image, app!["app"]!["container"]!["docker"]!["image"]!.GetValue<string>());
            Assert.Equal(80, app["app"]!["container"]!["portMappings"]![0]!["containerPort"]!.GetValue<int>());

            var served = await Poll.UntilAsync("the container serves its page on the mapped host port", Deadline, async () =>
            {
                var (_, tasks) = await host.MarathonGetAsync("v2/apps/httpd-box/tasks");
                var task = tasks?["tasks"]?.AsArray().OfType<JsonObject>().FirstOrDefault(t => t["state"]?.GetValue<string>() == "TASK_RUNNING");
                if (task?["ports"] is not JsonArray { Count: > 0 } ports)
                {
                    return null;
                }

                Assert.Equal(port, ports[0]!.GetValue<int>());
                try
                {
                    return await web.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return null;
                }
            });
            Assert.Equal(TestImages.WebIndexHtml, served);
            await Poll.UntilAsync("the HTTP health check through the mapped port passes", Deadline, async () =>
            {
                var (_, current) = await host.MarathonGetAsync("v2/apps/httpd-box");
                return current?["app"]?["tasksHealthy"]?.GetValue<int>() == 1 ? "healthy" : null;
            });

            var (uninstallStatus, _) = await host.UninstallAsync(new { packageName = "httpd-box" });
            Assert.Equal(HttpStatusCode.OK, uninstallStatus);
            await Poll.UntilAsync("the container is gone after uninstall", Deadline, async () =>
                RuncList(Path.Combine(containers, "runc")).Count == 0 && (await host.MarathonGetAsync("v2/tasks")).Body?["tasks"]?.AsArray().Count == 0 ? "gone" : null);
            await Assert.ThrowsAnyAsync<Exception>(() => web.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
        }
        finally
        {
            var root = Path.Combine(containers, "runc");
            foreach (var id in RuncList(root))
            {
                Run("runc", "--root", root, "delete", "--force", id);
            }

            Run("ip", "link", "delete", bridge);
            foreach (var controller in Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : [])
            {
                var parent = Path.Combine(controller, settings["Runtime:Containers:CgroupParent"]!);
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

            Directory.Delete(universe, recursive: true);
            if (Directory.Exists(containers))
            {
                Directory.Delete(containers, recursive: true);
            }
        }
    }

    /// <summary>A universe tree with one upstream-shaped Docker package (packaging 3.0, image from <c>resource.json</c>).</summary>
    private static string CreateUniverse()
    {
        var root = Path.Combine(Path.GetTempPath(), "container-universe-" + Guid.NewGuid().ToString("N"));
        var revision = Path.Combine(root, "repo", "packages", "H", "httpd-box", "0");
        Directory.CreateDirectory(revision);
        File.WriteAllText(Path.Combine(revision, "package.json"), """
            {"packagingVersion":"3.0","name":"httpd-box","version":"1.36.0-0.1","maintainer":"tests@example.org",
             "description":"busybox httpd in a Docker image","tags":["web","test"],"selected":false,"framework":false,
             "minDcosReleaseVersion":"1.8","preInstallNotes":"Installing httpd-box","postInstallNotes":"httpd-box installed"}
            """);
        File.WriteAllText(Path.Combine(revision, "config.json"), """
            {"type":"object","properties":{
              "service":{"type":"object","description":"DC/OS service configuration","properties":{
                "name":{"type":"string","description":"Service name","default":"httpd-box"},
                "cpus":{"type":"number","default":0.1,"minimum":0.01},
                "mem":{"type":"number","default":32,"minimum":16}},"required":["name"]}}}
            """);
        File.WriteAllText(Path.Combine(revision, "resource.json"), """
            {"images":{"icon-small":"https://example.org/small.png","icon-medium":"https://example.org/medium.png","icon-large":"https://example.org/large.png"},
             "assets":{"container":{"docker":{"httpd-image":"docker.io/library/busybox-httpd:1.36"}}}}
            """);
        File.WriteAllText(Path.Combine(revision, "marathon.json.mustache"), """
            {
              "id": "/{{service.name}}",
              "instances": 1,
              "cpus": {{service.cpus}},
              "mem": {{service.mem}},
              "container": {
                "type": "DOCKER",
                "docker": {
                  "image": "{{resource.assets.container.docker.httpd-image}}",
                  "network": "BRIDGE",
                  "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}],
                  "forcePullImage": false
                }
              },
              "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30, "intervalSeconds": 1, "timeoutSeconds": 2, "maxConsecutiveFailures": 3}],
              "labels": {"DCOS_SERVICE_NAME": "{{service.name}}", "DCOS_SERVICE_SCHEME": "http", "DCOS_SERVICE_PORT_INDEX": "0"}
            }
            """);
        return root;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<string> RuncList(string root) =>
        Directory.Exists(root) ? [.. Run("runc", "--root", root, "list", "--quiet").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [];

    private static string Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return stdout;
    }
}
