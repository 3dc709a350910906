using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>
/// An active decline filter (Mesos <c>refuse_seconds</c>) of a client for one agent. The scheduler keeps the
/// expiry time (at least the allocation interval) and passes only active filters.
/// </summary>
/// <param name="AgentId">The filtered agent.</param>
internal sealed record OfferFilter(string AgentId)
{
    /// <summary>
    /// What was refused. The agent stays filtered while what it could offer the client fits in this; once the
    /// agent has more in some dimension the filter no longer applies. Null = filtered regardless.
    /// </summary>
    public ResourceQuantities? Refused { get; init; }

    /// <summary>Mesos's default <c>Filters.refuse_seconds</c>.</summary>
    public static readonly TimeSpan DefaultRefuse = TimeSpan.FromSeconds(5);

    /// <summary>The longest filter Mesos keeps.</summary>
    public static readonly TimeSpan MaxRefuse = TimeSpan.FromDays(365);

    /// <summary>
    /// How long a decline with <paramref name="refuseSeconds"/> filters the agent, as Mesos computes it: null or a
    /// negative/invalid value means the 5 s default, 0 means no filter (null result), values above 365 days are clamped,
    /// and a filter always lasts at least one <paramref name="allocationInterval"/> (MESOS-4302).
    /// </summary>
    public static TimeSpan? EffectiveTimeout(double? refuseSeconds, TimeSpan allocationInterval)
    {
        if (refuseSeconds == 0)
        {
            return null;
        }

        var refuse = refuseSeconds is { } seconds && double.IsFinite(seconds) && seconds > 0
            ? (seconds >= MaxRefuse.TotalSeconds ? MaxRefuse : TimeSpan.FromSeconds(seconds))
            : DefaultRefuse;
        return refuse > allocationInterval ? refuse : allocationInterval;
    }
}
