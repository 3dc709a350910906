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

            var explanation = (_options.ExhaustiveSearch ? null : client.Cursor.Explanation) ?? Count(client, unreserved);
            client.Cursor.Explanation = explanation;
            result.Add(new UnplacedClient(spec.Id, spec.Role, client.Pending, explanation.Considered, explanation.Reasons));
        }

        return result;
    }

    private (int Considered, IReadOnlyList<ReasonCount> Reasons) Count(ClientState client, Span<double> unreserved)
    {
        var declined = new int[ReasonCountTotal];
        for (var k = 0; k < _agentCount; k++)
        {
            if (Check(client, k, unreserved) is { } reason)
            {
                declined[(int)reason]++;
            }
        }

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

        return (_agentCount, reasons);
    }
}
