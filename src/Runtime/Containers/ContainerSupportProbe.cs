using System.Runtime.Versioning;
using Universe.Runtime.Containers.Rootfs;
using Universe.Runtime.Containers.Runc;

namespace Universe.Runtime.Containers;

/// <summary>Finds out, once at start, whether runc, namespaces, cgroups, overlayfs and the CNI plugins are there.</summary>
[SupportedOSPlatform("linux")]
internal static class ContainerSupportProbe
{
    private static readonly string[] RuncCandidates = ["/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc"];
    private static readonly string[] RequiredNamespaces = ["pid", "mnt", "ipc", "uts", "net"];
    private static readonly string[] KnownPlugins = ["bridge", "host-local", "portmap", "loopback", "firewall"];

    public static string? FindRunc(string? configured) =>
        configured is not null ? (File.Exists(configured) ? configured : null) : RuncCandidates.FirstOrDefault(File.Exists);

    public static async Task<ContainerSupport> ProbeAsync(ContainerOptions options, string scratch, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var runc = FindRunc(options.RuncPath);
        var version = runc is null ? null : await RuncClient.VersionAsync(runc, cancellationToken);
        if (version is null)
        {
            missing.Add(runc is null ? "runc (apt-get install runc)" : "a working runc at " + runc);
        }

        if (!Environment.IsPrivilegedProcess)
        {
            missing.Add("root privileges (runc, namespaces and mounts need them)");
        }

        var namespaces = RequiredNamespaces.Where(n => File.Exists("/proc/self/ns/" + n)).ToList();
        missing.AddRange(RequiredNamespaces.Except(namespaces).Select(n => n + " namespace"));
        var cgroups = DetectCgroups();
        if (cgroups == "none")
        {
            missing.Add("cgroups (memory and cpu controllers)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (overlay, overlayReason) = options.Rootfs == "copy" ? (false, "disabled by configuration") : TaskRootfs.ProbeOverlay(scratch);
        if (options.Rootfs == "overlay" && !overlay)
        {
            missing.Add("overlayfs (" + overlayReason + ")");
        }

        var plugins = KnownPlugins.Where(p => File.Exists(Path.Join(options.CniPluginDirectory, p))).ToList();
        var bridge = plugins.Contains("bridge") && plugins.Contains("host-local") && plugins.Contains("portmap");
        return new ContainerSupport(
            missing.Count == 0, runc, version, namespaces, cgroups, overlay ? "overlay" : "copy", overlay, plugins, bridge,
            bridge ? missing : [.. missing, "CNI plugins bridge, host-local, portmap in " + options.CniPluginDirectory + " (only BRIDGE networking needs them)"]);
    }

    private static string DetectCgroups()
    {
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers")
            && File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Split(' ', StringSplitOptions.TrimEntries) is var controllers
            && controllers.Contains("memory") && controllers.Contains("cpu"))
        {
            return "v2";
        }

        return Directory.Exists("/sys/fs/cgroup/memory") && (Directory.Exists("/sys/fs/cgroup/cpu") || Directory.Exists("/sys/fs/cgroup/cpu,cpuacct"))
            ? "v1"
            : "none";
    }
}
