namespace Universe.Runtime.Containers.Networking;

/// <summary>The bridge network every BRIDGE-mode container joins: plugin directory, bridge name, IPv4 subnet, IPAM state.</summary>
internal sealed record CniSettings(string PluginDirectory, string BridgeName, string Subnet, string IpamDirectory);
