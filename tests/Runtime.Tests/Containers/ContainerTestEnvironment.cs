using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Universe.Runtime.Containers;
using Universe.Runtime.Containers.Layers;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Rootfs;
using Universe.Runtime.Containers.Runc;

namespace Universe.Runtime.Tests.Containers;

/// <summary>
/// A private container world for one test class: its own runc <c>--root</c>, bridge, subnet, cgroup parent and store,
/// so tests never see other containers. <see cref="CleanupAsync"/> deletes every container it still has, its bridge and its files.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ContainerTestEnvironment
{
    private static int _counter;

    public ContainerTestEnvironment()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("containers-").FullName;
        var n = Interlocked.Increment(ref _counter);
        var salt = Environment.ProcessId % 97;
        BridgeName = "ut" + Environment.ProcessId.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "x" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Subnet = "10." + (120 + salt).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0/24";
        CgroupParent = "universe-tests-" + Path.GetFileName(Directory);
        Runc = new RuncClient(ContainerSupportProbe.FindRunc(null) ?? "/usr/sbin/runc", Path.Join(Directory, "runc"));
        Network = new CniNetwork(new CniSettings("/usr/lib/cni", BridgeName, Subnet, Path.Join(Directory, "ipam")));
        Layers = new LayerStore(Path.Join(Directory, "layers"));
        Overlay = TaskRootfs.ProbeOverlay(Directory).Works;
        Engine = new ContainerEngine(Runc, Network, Layers, () => Overlay, Path.Join(Directory, "bundles"), CgroupParent, NullLogger.Instance);
        Layout = Path.Join(Directory, "layout");
    }

    public string Directory { get; }

    public string BridgeName { get; }

    public string Subnet { get; }

    public string CgroupParent { get; }

    public string Layout { get; }

    public bool Overlay { get; }

    internal RuncClient Runc { get; }

    internal CniNetwork Network { get; }

    internal LayerStore Layers { get; }

    internal ContainerEngine Engine { get; }

    public string NewSandbox()
    {
        var path = Path.Join(Directory, "sandboxes", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Deletes every container this environment still has, its bridge, cgroups and files.</summary>
    public async Task CleanupAsync()
    {
        await Engine.SweepAsync(new HashSet<string>(), CancellationToken.None);
        using (var ip = Process.Start("ip", ["link", "delete", BridgeName]))
        {
            await ip.WaitForExitAsync();
        }

        foreach (var controller in (string[])["memory", "cpu", "cpuacct", "pids", "devices", "freezer", "blkio", "cpuset", "systemd", "net_cls", "perf_event", "hugetlb"])
        {
            var path = Path.Join("/sys/fs/cgroup", controller, CgroupParent);
            if (System.IO.Directory.Exists(path))
            {
                try
                {
                    System.IO.Directory.Delete(path);
                }
                catch (IOException)
                {
                }
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
