using System.Text.Json.Serialization;

namespace Universe.Runtime.Containers;

/// <summary>What this host offers for containers (the <c>containers</c> object of <c>/runtime/info</c>).</summary>
internal sealed record ContainerSupport(
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("runc")] string? RuncPath,
    [property: JsonPropertyName("runcVersion")] string? RuncVersion,
    [property: JsonPropertyName("namespaces")] IReadOnlyList<string> Namespaces,
    [property: JsonPropertyName("cgroups")] string Cgroups,
    [property: JsonPropertyName("rootfs")] string Rootfs,
    [property: JsonPropertyName("overlayfs")] bool Overlayfs,
    [property: JsonPropertyName("cniPlugins")] IReadOnlyList<string> CniPlugins,
    [property: JsonPropertyName("bridgeNetworking")] bool BridgeNetworking,
    [property: JsonPropertyName("missing")] IReadOnlyList<string> Missing)
{
    /// <summary>The reason a DOCKER/MESOS task cannot run here, naming what is missing; null when containers work.</summary>
    [JsonIgnore]
    public string? FailureReason => Available ? null
        : "Containers are not available on this host: missing " + string.Join(", ", Missing);
}
