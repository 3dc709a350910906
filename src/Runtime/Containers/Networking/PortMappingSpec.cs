namespace Universe.Runtime.Containers.Networking;

/// <summary>A host port forwarded to a container port (protocol <c>tcp</c> or <c>udp</c>).</summary>
internal sealed record PortMappingSpec(int ContainerPort, int HostPort, string Protocol);
