namespace Universe.Runtime.Allocation;

internal sealed partial class AllocationCycle
{
    private static readonly int ReasonCountTotal = Enum.GetValues<UnplacedReason>().Length;

    /// <summary>For each client with pending tasks left, per agent the first check that fails, counted per reason.</summary>
    private List<UnplacedClient> Explain()
    {
        var result = new List<UnplacedClient>();
        var ordered = _clients.Where(c => c.Pending > 0).OrderBy(c => c.Spec.Id, StringComparer.Ordinal);
        Span<double> unreserved = stackalloc double[D];
        foreach (var client in ordered)
        {
            var spec = client.Spec;
            if (!_options.ExplainUnplaced)
            {
                result.Add(new UnplacedClient(spec.Id, spec.Role, client.Pending, 0, []));
                continue;
            }

            if (spec.Suppressed)
            {
                result.Add(new UnplacedClient(spec.Id, spec.Role, client.Pending, _agentCount, [new ReasonCount(UnplacedReason.Suppressed, _agentCount, _agentCount)]));
                continue;
            }

            // Clients that use no reservations share explanations across roles: the agent checks without quota,
            // then the (agent-independent) quota check for the agents that passed them.
            var includeQuota = client.UsesReservations;
            var (declined, passed) = (_options.ExhaustiveSearch ? null : client.Cursor.Explanation) ?? Count(client, unreserved, includeQuota);
            client.Cursor.Explanation = (declined, passed);
            if (!includeQuota && passed > 0 && AgentIndependentQuotaCheck(client, unreserved) is { } quotaReason)
            {
                declined = (int[])declined.Clone();
                declined[(int)quotaReason] += passed;
            }

            result.Add(new UnplacedClient(spec.Id, spec.Role, client.Pending, _agentCount, Summarize(declined)));
        }

        return result;
    }

    private (int[] Declined, int Passed) Count(ClientState client, Span<double> unreserved, bool includeQuota)
    {
        var declined = new int[ReasonCountTotal];
        var passed = 0;
        for (var k = 0; k < _agentCount; k++)
        {
            if (Check(client, k, unreserved, includeQuota) is { } reason)
            {
                declined[(int)reason]++;
            }
            else
            {
                passed++;
            }
        }

        return (declined, passed);
    }

    private List<ReasonCount> Summarize(int[] declined)
    {
        var reasons = new List<ReasonCount>();
        var processed = _agentCount;
        for (var r = 0; r < declined.Length; r++)
        {
            if (declined[r] > 0)
            {
                reasons.Add(new ReasonCount((UnplacedReason)r, declined[r], processed));
            }

            processed -= declined[r];
        }

        return reasons;
    }
}
