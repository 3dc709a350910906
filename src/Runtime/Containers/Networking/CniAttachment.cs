using System.Text.Json.Serialization;

namespace Universe.Runtime.Containers.Networking;

/// <summary>What was set up for one container (persisted in its bundle so a restarted Runtime can tear it down).</summary>
internal sealed record CniAttachment(
    [property: JsonPropertyName("containerId")] string ContainerId,
    [property: JsonPropertyName("netns")] string NetnsName,
    [property: JsonPropertyName("ip")] string? IpAddress,
    [property: JsonPropertyName("ports")] IReadOnlyList<PortMappingSpec> Ports,
    [property: JsonPropertyName("result")] string BridgeResult)
{
    public string NetnsPath => "/var/run/netns/" + NetnsName;
}
