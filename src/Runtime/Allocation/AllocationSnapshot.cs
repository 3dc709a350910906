namespace Universe.Runtime.Allocation;

/// <summary>Everything one allocation cycle needs: agents, clients (apps) and role settings.</summary>
/// <param name="Agents">The agents; order does not matter (they are visited in ordinal id order, or shuffled by the allocator's injected <see cref="Random"/>).</param>
/// <param name="Clients">One client per app; ids must be unique.</param>
internal sealed record AllocationSnapshot(IReadOnlyList<AllocationAgent> Agents, IReadOnlyList<AllocationClient> Clients)
{
    /// <summary>Per-role weight and quota by role path (e.g. <c>eng</c>, <c>eng/web</c>); roles not listed use weight 1 and no quota.</summary>
    public IReadOnlyDictionary<string, RoleSettings> Roles { get; init; } = new Dictionary<string, RoleSettings>();
}
