namespace Universe.Runtime.Containers.Oci;

/// <summary>
/// A bind mount of a host path into the container. <see cref="GiveToUser"/>: a directory the Runtime created for the
/// task (a persistent volume), handed to the container's user while it is still empty, as Mesos does.
/// </summary>
internal sealed record ContainerMount(string Source, string Destination, bool ReadOnly, bool GiveToUser = false);
