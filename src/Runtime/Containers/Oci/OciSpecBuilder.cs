using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Runtime.Containers.Oci;

/// <summary>
/// Writes an OCI runtime spec (runtime-spec 1.0.2, what Debian's runc 1.1 reads): pid, mount, ipc and uts namespaces always,
/// a network namespace (a CNI-prepared one, or none to share the host's), the app's cpu and memory as cgroup resources,
/// Docker's default capability set, masked and read-only kernel paths, and the task's bind mounts.
/// </summary>
internal static class OciSpecBuilder
{
    private const long CpuPeriod = 100_000;

    private static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public static JsonObject Build(OciProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var isRoot = spec.User.Uid == 0;
        var capabilities = new JsonObject
        {
            ["bounding"] = Array(DefaultCapabilities),
            ["effective"] = Array(isRoot ? DefaultCapabilities : []),
            ["permitted"] = Array(isRoot ? DefaultCapabilities : []),
        };
        var user = new JsonObject { ["uid"] = spec.User.Uid, ["gid"] = spec.User.Gid };
        if (spec.User.AdditionalGids.Count > 0)
        {
            user["additionalGids"] = new JsonArray([.. spec.User.AdditionalGids.Select(g => (JsonNode)g)]);
        }

        return new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = new JsonObject
            {
                ["terminal"] = false,
                ["user"] = user,
                ["args"] = Array(spec.Args),
                ["env"] = Array(spec.Env),
                ["cwd"] = spec.Cwd,
                ["capabilities"] = capabilities,
                ["noNewPrivileges"] = true,
            },
            ["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = false },
            ["hostname"] = spec.Hostname,
            ["mounts"] = Mounts(spec),
            ["linux"] = new JsonObject
            {
                ["resources"] = Resources(spec),
                ["cgroupsPath"] = spec.CgroupsPath,
                ["namespaces"] = Namespaces(spec),
                ["maskedPaths"] = Array(MaskedPaths),
                ["readonlyPaths"] = Array(ReadonlyPaths),
            },
        };
    }

    /// <summary>The spec as runc reads it from <c>config.json</c>.</summary>
    public static string Serialize(OciProcessSpec spec) => Build(spec).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonArray Namespaces(OciProcessSpec spec)
    {
        var namespaces = new JsonArray(
            new JsonObject { ["type"] = "pid" },
            new JsonObject { ["type"] = "ipc" },
            new JsonObject { ["type"] = "uts" },
            new JsonObject { ["type"] = "mount" });
        if (!spec.ShareHostNetwork)
        {
            var network = new JsonObject { ["type"] = "network" };
            if (spec.NetworkNamespacePath is not null)
            {
                network["path"] = spec.NetworkNamespacePath;
            }

            namespaces.Add(network);
        }

        return namespaces;
    }

    private static JsonObject Resources(OciProcessSpec spec)
    {
        var resources = new JsonObject
        {
            ["devices"] = new JsonArray(new JsonObject { ["allow"] = false, ["access"] = "rwm" }),
        };
        if (spec.Cpus > 0)
        {
            resources["cpu"] = new JsonObject
            {
                ["shares"] = (ulong)Math.Max(2, Math.Round(spec.Cpus * 1024)),
                ["quota"] = (long)Math.Max(1000, Math.Round(spec.Cpus * CpuPeriod)),
                ["period"] = (ulong)CpuPeriod,
            };
        }

        if (spec.MemMb > 0)
        {
            var bytes = (long)Math.Max(4L << 20, Math.Round(spec.MemMb * 1024 * 1024));
            resources["memory"] = new JsonObject { ["limit"] = bytes, ["swap"] = bytes };
            if (spec.OomKillsGroup)
            {
                resources["unified"] = new JsonObject { ["memory.oom.group"] = "1" };
            }
        }

        return resources;
    }

    private static JsonArray Mounts(OciProcessSpec spec)
    {
        var mounts = new JsonArray(
            Mount("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
            Mount("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            Mount("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            Mount("/dev/shm", "shm", "tmpfs", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
            Mount("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
            spec.ShareHostNetwork
                ? Mount("/sys", "/sys", "none", ["rbind", "nosuid", "noexec", "nodev", "ro"])
                : Mount("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
            Mount("/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", "ro"]));
        foreach (var bind in spec.Mounts)
        {
            mounts.Add(Mount(bind.Destination, bind.Source, "bind", ["rbind", bind.ReadOnly ? "ro" : "rw", "nosuid", "nodev"]));
        }

        return mounts;
    }

    private static JsonObject Mount(string destination, string source, string type, string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Array(options),
    };

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
