namespace Universe.Runtime.Tasks;

/// <summary>
/// The image part of a task (an app's <c>container</c> with <c>docker.image</c>, type DOCKER or MESOS): what to pull,
/// how to network it and what to mount. Persisted with the task, so a restarted Runtime can re-adopt its container.
/// </summary>
internal sealed record TaskContainerSpec(
    string Type,
    string Image,
    bool ForcePullImage,
    string NetworkMode,
    IReadOnlyList<TaskPortMapping> PortMappings,
    IReadOnlyList<TaskVolume> Volumes)
{
    /// <summary>True for <c>container/bridge</c> and <c>container</c> networks (own network namespace on the CNI bridge).</summary>
    public bool UsesBridge => NetworkMode is "container/bridge" or "container";
}

/// <summary>A <c>portMappings</c> entry; <see cref="HostPort"/> 0 means the Runtime assigns one from the agent's range.</summary>
internal sealed record TaskPortMapping(int ContainerPort, int HostPort, string Protocol, string? Name);

/// <summary>
/// A <c>container.volumes</c> entry: a host path (absolute, or relative to the sandbox) or a persistent local volume
/// (<see cref="Persistent"/>, kept across task restarts on the agent), mounted at <see cref="ContainerPath"/>.
/// </summary>
internal sealed record TaskVolume(string ContainerPath, string? HostPath, bool ReadOnly, bool Persistent);
