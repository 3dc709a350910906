namespace Universe.Runtime.Allocation;

/// <summary>
/// Why an agent could not take a client's next task, in the order the allocator checks them. The names up to
/// <see cref="DeclinedScarceResources"/> are Marathon's <c>processedOffersSummary</c> reasons; the others are ours.
/// </summary>
internal enum UnplacedReason
{
    /// <summary>The client is suppressed (no agent was considered).</summary>
    Suppressed,

    /// <summary>An active decline filter for this agent.</summary>
    OfferFiltered,

    /// <summary>Resources allocatable to the role exist but not in the accepted resource roles.</summary>
    UnfulfilledRole,

    /// <summary>A placement constraint excludes the agent.</summary>
    UnfulfilledConstraint,

    /// <summary>The accepted resource roles name only reservations and the agent has none for the role.</summary>
    NoCorrespondingReservationFound,

    InsufficientCpus,

    InsufficientMemory,

    InsufficientDisk,

    InsufficientGpus,

    InsufficientPorts,

    /// <summary>A GPU agent was kept for GPU tasks (option <c>DeclineScarceResources</c>).</summary>
    DeclinedScarceResources,

    /// <summary>The task would take the role's quota consumption above its limit.</summary>
    RoleQuotaLimitReached,

    /// <summary>The free unreserved resources are held back for other roles' unsatisfied quota guarantees.</summary>
    QuotaHeadroomHeldBack,
}

/// <summary>Marathon's <c>{reason, declined, processed}</c>: of the agents that reached this check, how many failed it.</summary>
internal sealed record ReasonCount(UnplacedReason Reason, int Declined, int Processed);
