using System.ComponentModel.DataAnnotations;

namespace Universe.Runtime.Containers;

/// <summary>Settings of Docker/OCI image tasks, bound from <c>Runtime:Containers</c> (see docs/containers.md).</summary>
public sealed class ContainerOptions
{
    public const string SectionName = "Runtime:Containers";

    /// <summary>Blob store, unpacked layers, bundles and runc state. Default: <c>&lt;Runtime:DataDirectory&gt;/containers</c>.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>The runc binary. Default: the first of /usr/sbin/runc, /usr/bin/runc, /usr/local/sbin/runc, /usr/local/bin/runc.</summary>
    public string? RuncPath { get; set; }

    /// <summary>runc's state directory (<c>--root</c>), private to this Runtime. Default: <c>&lt;StoreDirectory&gt;/runc</c>.</summary>
    public string? RuncRoot { get; set; }

    /// <summary>Where the CNI plugins are (Debian's containernetworking-plugins).</summary>
    [Required]
    public string CniPluginDirectory { get; set; } = "/usr/lib/cni";

    /// <summary>The Linux bridge BRIDGE-mode containers join (at most 15 characters).</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}\\z")]
    public string BridgeName { get; set; } = "universe0";

    /// <summary>The IPv4 subnet of that bridge (host-local IPAM hands out addresses from it).</summary>
    [RegularExpression("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}\\z")]
    public string Subnet { get; set; } = "10.88.0.0/16";

    /// <summary>The cgroup containers are created under (one child per task).</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z")]
    public string CgroupParent { get; set; } = "universe-containers";

    /// <summary><c>auto</c> (overlayfs when it works, a copy otherwise), <c>overlay</c> or <c>copy</c>.</summary>
    [RegularExpression("^(auto|overlay|copy)$")]
    public string Rootfs { get; set; } = "auto";

    /// <summary>
    /// Host directories an app's <c>hostPath</c> volumes may use (a volume's path must be one of them or inside one).
    /// Empty: any absolute host path, as Marathon allows.
    /// </summary>
    public List<string> AllowedHostPaths { get; set; } = [];

    /// <summary>Time limit for pulling one image.</summary>
    [Range(1, 86_400)]
    public int PullTimeoutSeconds { get; set; } = 1800;

    /// <summary>How often unused layers and images are garbage-collected.</summary>
    [Range(1, 100_000)]
    public int GarbageCollectionMinutes { get; set; } = 60;

    /// <summary><see cref="StoreDirectory"/>, or <c>&lt;dataDirectory&gt;/containers</c>.</summary>
    internal string EffectiveStoreDirectory(string dataDirectory) =>
        Path.GetFullPath(StoreDirectory ?? Path.Combine(dataDirectory, "containers"));
}
