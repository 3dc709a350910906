using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Universe.Runtime.Containers;
using Universe.Runtime.Containers.Layers;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Runc;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Containers;

/// <summary>
/// Settings for a Runtime whose local agent runs containers in a private world (own runc root under its data
/// directory, own bridge, subnet and cgroup parent, docker.io mirrored by a loopback registry), and the cleanup that
/// ends every container, the bridge and the cgroups afterwards.
/// </summary>
internal static class ContainerRuntimeHost
{
    private static int _counter;

    public static Dictionary<string, string?> Settings(string mirrorUrl, string dataDirectory)
    {
        var n = Interlocked.Increment(ref _counter);
        var tag = (Environment.ProcessId % 4096).ToString("x", CultureInfo.InvariantCulture) + "h" + n.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string?>
        {
            ["Runtime:DataDirectory"] = dataDirectory,
            ["Runtime:LocalAgent:Enabled"] = "true",
            ["Runtime:LocalAgent:Resources"] = "cpus:4;mem:8192;disk:10000;ports:[" + HostPorts() + "]",
            ["Runtime:SimulatedAgents:Count"] = "0",
            ["Runtime:Containers:BridgeName"] = "uh" + tag,
            ["Runtime:Containers:Subnet"] = "10." + (220 + (Environment.ProcessId % 30)).ToString(CultureInfo.InvariantCulture) + "." + n.ToString(CultureInfo.InvariantCulture) + ".0/24",
            ["Runtime:Containers:CgroupParent"] = "universe-tests-" + tag,
            ["Runtime:Registries:docker.io:Mirror"] = mirrorUrl,
        };
    }

    /// <summary>
    /// A random range of 40 host ports in 24000–31999 for one Runtime (below the kernel's ephemeral ports). Not a fixed one:
    /// test runs of other worktrees use this helper at the same time, and a crashed run can leave CNI portmap DNAT rules
    /// behind that would capture the same ports on 127.0.0.1.
    /// </summary>
    private static string HostPorts()
    {
        var first = 24000 + (Random.Shared.Next(0, 200) * 40);
        return first.ToString(CultureInfo.InvariantCulture) + "-" + (first + 39).ToString(CultureInfo.InvariantCulture);
    }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "rtcontainers-tests", Guid.NewGuid().ToString("N"));

    public static IEnumerable<string> AsArguments(Dictionary<string, string?> settings) => settings.Select(kv => "--" + kv.Key + "=" + kv.Value);

    /// <summary>
    /// Deletes every container in the data directory's runc root with its network attachment, rootfs mount and bundle
    /// (what the Runtime's own sweep does), then the bridge and the cgroup parent.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static async Task CleanupAsync(Dictionary<string, string?> settings)
    {
        var store = Path.Combine(settings["Runtime:DataDirectory"]!, "containers");
        var runc = new RuncClient(File.Exists("/usr/sbin/runc") ? "/usr/sbin/runc" : "/usr/bin/runc", Path.Combine(store, "runc"));
        if (Directory.Exists(runc.Root))
        {
            var network = new CniNetwork(new CniSettings("/usr/lib/cni", settings["Runtime:Containers:BridgeName"]!, settings["Runtime:Containers:Subnet"]!, Path.Combine(store, "cni")));
            var engine = new ContainerEngine(runc, network, new LayerStore(Path.Combine(store, "layers")), () => true, Path.Combine(store, "bundles"),
                settings["Runtime:Containers:CgroupParent"]!, NullLogger.Instance);
            await engine.SweepAsync(new HashSet<string>(), default);
        }

        using (var ip = Process.Start("ip", ["link", "delete", settings["Runtime:Containers:BridgeName"]!]))
        {
            await ip.WaitForExitAsync();
        }

        foreach (var controller in Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : [])
        {
            var parent = Path.Combine(controller, settings["Runtime:Containers:CgroupParent"]!);
            if (Directory.Exists(parent))
            {
                foreach (var child in Directory.GetDirectories(parent))
                {
                    TryRemove(child);
                }

                TryRemove(parent);
            }
        }
    }

    /// <summary>Deletes the app and waits until its tasks are gone (their containers deleted by the Runtime).</summary>
    public static async Task DeleteAppAsync(HttpClient client, string appId)
    {
        using var _ = await client.DeleteAsync("v2/apps/" + appId.TrimStart('/') + "?force=true");
        await RuntimeTestHost.WaitUntilAsync(async () =>
        {
            var tasks = JsonNode.Parse(await client.GetStringAsync("v2/tasks"))!["tasks"]!.AsArray();
            return tasks.Count == 0;
        }, "tasks of " + appId + " gone", TimeSpan.FromSeconds(30));
    }

    private static void TryRemove(string directory)
    {
        try
        {
            Directory.Delete(directory);
        }
        catch (IOException)
        {
        }
    }
}
