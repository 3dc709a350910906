namespace Universe.Runtime.Allocation;

internal sealed partial class AllocationCycle
{
    /// <summary>
    /// Whether agent <paramref name="k"/> can take <paramref name="client"/>'s next task now: null when it can
    /// (<paramref name="unreserved"/> then holds the unreserved part), else the first check that failed, in
    /// <see cref="UnplacedReason"/> order.
    /// </summary>
    private UnplacedReason? Check(ClientState client, int k, Span<double> unreserved, bool includeQuota = true)
    {
        var slots = _reserved[k];
        if (client.Filters is not null && client.Filters.TryGetValue(k, out var refused) && IsFiltered(client, k, refused))
        {
            return UnplacedReason.OfferFiltered;
        }

        var hasUsableSlot = false;
        if (slots is not null)
        {
            foreach (var roleId in slots.RoleIds)
            {
                hasUsableSlot |= client.UsableReservation[roleId];
            }

            if (!hasUsableSlot && !(client.AcceptsUnreserved && _hasUnreserved[k]))
            {
                return UnplacedReason.UnfulfilledRole;
            }
        }

        foreach (var constraint in client.Constraints)
        {
            if (!constraint.IsMet(_agents[k]))
            {
                return UnplacedReason.UnfulfilledConstraint;
            }
        }

        if (!client.AcceptsUnreserved && !hasUsableSlot)
        {
            return UnplacedReason.NoCorrespondingReservationFound;
        }

        var task = client.Task;
        var offset = k * D;
        for (var d = 0; d < D; d++)
        {
            var fromReservations = 0.0;
            if (hasUsableSlot)
            {
                for (var s = 0; s < slots!.RoleIds.Length; s++)
                {
                    if (client.UsableReservation[slots.RoleIds[s]])
                    {
                        fromReservations += slots.Free[s * D + d];
                    }
                }
            }

            var part = Math.Max(0, task[d] - fromReservations);
            var freeUnreserved = client.AcceptsUnreserved ? _free[offset + d] : 0;
            if (part > freeUnreserved + Epsilon)
            {
                return (UnplacedReason)((int)UnplacedReason.InsufficientCpus + d);
            }

            unreserved[d] = part;
        }

        var spec = client.Spec;
        var portCount = spec.PortsPerTask + spec.RequiredPorts.Count;
        if (portCount > 0)
        {
            var pool = _ports[k];
            if (pool is null || pool.FreeCount < portCount)
            {
                return UnplacedReason.InsufficientPorts;
            }

            foreach (var port in spec.RequiredPorts)
            {
                if (!pool.Contains(port))
                {
                    return UnplacedReason.InsufficientPorts;
                }
            }
        }

        if (_options.DeclineScarceResources && _hasGpus[k] && !client.HasGpuTask)
        {
            return UnplacedReason.DeclinedScarceResources;
        }

        return includeQuota ? QuotaCheck(client, unreserved) : null;
    }

    /// <summary>
    /// The quota checks for taking <paramref name="unreserved"/> more: the top-level role's limit, then the headroom
    /// held for unsatisfied guarantees. They depend on the agent only through the unreserved part, so for clients
    /// that use no reservations they are the same on every agent.
    /// </summary>
    private UnplacedReason? QuotaCheck(ClientState client, ReadOnlySpan<double> unreserved)
    {
        var top = client.Top * D;
        if (_anyLimit)
        {
            for (var d = 0; d < D; d++)
            {
                if (unreserved[d] > 0 && _consumed[top + d] + unreserved[d] > _limit[top + d] + Epsilon)
                {
                    return UnplacedReason.RoleQuotaLimitReached;
                }
            }
        }

        if (_anyGuarantee)
        {
            for (var d = 0; d < D; d++)
            {
                if (unreserved[d] <= 0)
                {
                    continue;
                }

                // The part within the role's own unsatisfied guarantee is always allowed (Mesos offers it even when
                // guarantees are overcommitted); only the excess must come from the surplus headroom.
                var unsatisfied = Math.Max(0, _guarantee[top + d] - _consumed[top + d]);
                var excess = unreserved[d] - unsatisfied;
                if (excess > Epsilon && _available[d] - _required[d] < excess - Epsilon)
                {
                    return UnplacedReason.QuotaHeadroomHeldBack;
                }
            }
        }

        return null;
    }

    /// <summary>Mesos: a filter applies while what the agent could offer the client fits in what was refused.</summary>
    private bool IsFiltered(ClientState client, int k, Resources.ResourceQuantities? refused)
    {
        if (refused is not { } limit)
        {
            return true;
        }

        Span<double> offer = stackalloc double[D];
        if (client.AcceptsUnreserved)
        {
            _free.AsSpan(k * D, D).CopyTo(offer);
        }
        else
        {
            offer.Clear();
        }

        if (_reserved[k] is { } slots)
        {
            for (var s = 0; s < slots.RoleIds.Length; s++)
            {
                if (client.UsableReservation[slots.RoleIds[s]])
                {
                    for (var d = 0; d < D; d++)
                    {
                        offer[d] += slots.Free[s * D + d];
                    }
                }
            }
        }

        return offer[0] <= limit.Cpus + Epsilon && offer[1] <= limit.MemMb + Epsilon
            && offer[2] <= limit.DiskMb + Epsilon && offer[3] <= limit.Gpus + Epsilon;
    }
}
