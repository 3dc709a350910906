namespace Universe.Runtime.Containers.Oci;

/// <summary>A bind mount of a host path into the container.</summary>
internal sealed record ContainerMount(string Source, string Destination, bool ReadOnly);
