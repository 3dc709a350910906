using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>A task of a client that holds resources on an agent.</summary>
/// <param name="AgentId">Where it runs; tasks on agents missing from the snapshot are ignored.</param>
/// <param name="Resources">What it holds (taken from the role's reservations first, then unreserved).</param>
internal sealed record RunningTask(string AgentId, ResourceQuantities Resources)
{
    /// <summary>Host ports it holds.</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];
}
