using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>
/// An active decline filter (Mesos <c>refuse_seconds</c>) of a client for one agent. The scheduler keeps the
/// expiry time (at least the allocation interval) and passes only active filters.
/// </summary>
/// <param name="AgentId">The filtered agent.</param>
public sealed record OfferFilter(string AgentId)
{
    /// <summary>
    /// What was refused. The agent stays filtered while what it could offer the client fits in this; once the
    /// agent has more in some dimension the filter no longer applies. Null = filtered regardless.
    /// </summary>
    public ResourceQuantities? Refused { get; init; }
}
