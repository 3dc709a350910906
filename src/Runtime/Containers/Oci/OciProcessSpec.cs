using Universe.Runtime.Containers.Images;

namespace Universe.Runtime.Containers.Oci;

/// <summary>
/// Everything that goes into a task's OCI <c>config.json</c>. <paramref name="OomKillsGroup"/>: on cgroup v2, set
/// <c>memory.oom.group</c> so the kernel's OOM kill takes the whole container, not just one process in it.
/// </summary>
internal sealed record OciProcessSpec(
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string Cwd,
    ContainerUser User,
    string Hostname,
    double Cpus,
    double MemMb,
    string CgroupsPath,
    string? NetworkNamespacePath,
    bool ShareHostNetwork,
    IReadOnlyList<ContainerMount> Mounts,
    bool OomKillsGroup = false);
