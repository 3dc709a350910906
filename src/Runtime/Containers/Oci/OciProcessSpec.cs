using Universe.Runtime.Containers.Images;

namespace Universe.Runtime.Containers.Oci;

/// <summary>Everything that goes into a task's OCI <c>config.json</c>.</summary>
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
    IReadOnlyList<ContainerMount> Mounts);
