using Universe.Registry;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Oci;

namespace Universe.Runtime.Containers;

/// <summary>One layer of an image: its diff id and how to open its (compressed) blob.</summary>
internal sealed record ImageLayer(string DiffId, Func<Stream> Open);

/// <summary>A pulled image: its reference, config and layers (lowest first).</summary>
internal sealed record ContainerImage(string Reference, ImageConfig Config, IReadOnlyList<ImageLayer> Layers);

/// <summary>How a container is networked.</summary>
internal enum ContainerNetworkMode
{
    /// <summary>The host's network namespace (Marathon <c>host</c>).</summary>
    Host,

    /// <summary>Its own namespace on the CNI bridge, with port mappings (Marathon <c>container/bridge</c>).</summary>
    Bridge,

    /// <summary>Its own namespace with only loopback.</summary>
    None,
}

/// <summary>Everything needed to start one task's container.</summary>
internal sealed record ContainerLaunch(
    string Id,
    string SandboxPath,
    ContainerImage Image,
    string? Cmd,
    IReadOnlyList<string>? Args,
    IReadOnlyDictionary<string, string> Environment,
    double Cpus,
    double MemMb,
    string Hostname,
    ContainerNetworkMode Network,
    IReadOnlyList<PortMappingSpec> Ports,
    IReadOnlyList<ContainerMount> Mounts);

/// <summary>How a container ended: its exit status (null when unknown), and whether the OOM killer ended it.</summary>
internal sealed record ContainerExit(int? ExitCode, bool OomKilled);

/// <summary>A container failed to start; the message says why (shown as the task's failure reason).</summary>
internal sealed class ContainerException(string message, Exception? inner = null) : Exception(message, inner);
