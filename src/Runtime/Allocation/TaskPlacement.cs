using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>One task to launch: which client, on which agent, with which resources and host ports.</summary>
/// <param name="ClientId">The app id.</param>
/// <param name="Role">The role the resources are allocated to.</param>
/// <param name="AgentId">Where to launch.</param>
/// <param name="Hostname">The agent's host name (Marathon's <c>HOST</c>).</param>
/// <param name="Resources">The task's resources.</param>
/// <param name="Ports">Host ports: the fixed ones first, then the dynamic ones, lowest first.</param>
internal sealed record TaskPlacement(string ClientId, string Role, string AgentId, string Hostname, ResourceQuantities Resources, IReadOnlyList<int> Ports)
{
    /// <summary>The part of <see cref="Resources"/> taken from reservations (of the role or its ancestors).</summary>
    public ResourceQuantities FromReservations { get; init; }
}
