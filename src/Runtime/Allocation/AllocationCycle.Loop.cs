namespace Universe.Runtime.Allocation;

internal sealed partial class AllocationCycle
{
    private readonly List<TaskPlacement> _placements = [];
    private bool _guaranteeStage;

    /// <summary>
    /// Stage 1 serves roles with unsatisfied quota guarantees, stage 2 everybody; in each, the DRF tree picks the
    /// next client, which gets one task on the first agent that takes it, until no client can place anything.
    /// </summary>
    public AllocationOutcome Run()
    {
        if (_anyGuarantee)
        {
            _guaranteeStage = true;
            RunStage();
        }

        _guaranteeStage = false;
        RunStage();
        return new AllocationOutcome(_placements, Explain());
    }

    private void RunStage()
    {
        _tree.Clear();
        foreach (var client in _clients)
        {
            client.Cursor.Position = 0;
        }

        foreach (var client in _clients)
        {
            if (!client.Spec.Suppressed && client.Pending > 0 && (!_guaranteeStage || IsGuaranteeUnsatisfied(client.Top)))
            {
                _tree.Activate(client.Node);
            }
        }

        Span<double> unreserved = stackalloc double[D];
        int leaf;
        while ((leaf = _tree.Pick()) >= 0)
        {
            var client = _clients[_clientByNode[leaf]];
            var agent = FindAgent(client, unreserved);
            if (agent < 0)
            {
                _tree.Deactivate(leaf);
                continue;
            }

            Place(client, agent);
            if (client.Pending == 0)
            {
                _tree.Deactivate(leaf);
            }

            if (_guaranteeStage && !IsGuaranteeUnsatisfied(client.Top))
            {
                _tree.Deactivate(_topNode[client.Top]);
            }
        }
    }

    private bool IsGuaranteeUnsatisfied(int top)
    {
        for (var d = 0; d < D; d++)
        {
            if (_consumed[top * D + d] < _guarantee[top * D + d] - Epsilon)
            {
                return true;
            }
        }

        return false;
    }

    private int FindAgent(ClientState client, Span<double> unreserved)
    {
        var includeQuota = client.UsesReservations;
        if (!includeQuota && (_anyLimit || _anyGuarantee) && AgentIndependentQuotaCheck(client, unreserved) is not null)
        {
            return -1;
        }

        if (_options.ExhaustiveSearch)
        {
            for (var i = 0; i < _agentCount; i++)
            {
                if (!IsExhausted(i) && Check(client, i, unreserved, includeQuota) is null)
                {
                    return i;
                }
            }

            return -1;
        }

        var cursor = client.Cursor;
        var k = cursor.Monotone ? cursor.Position : 0;
        for (k = Live(k); k < _agentCount; k = Live(k + 1))
        {
            if (Check(client, k, unreserved, includeQuota) is null)
            {
                if (cursor.Monotone)
                {
                    cursor.Position = k;
                }

                return k;
            }
        }

        if (cursor.Monotone)
        {
            cursor.Position = _agentCount;
        }

        return -1;
    }

    /// <summary>The quota checks of a client that uses no reservations: its whole task comes from unreserved resources.</summary>
    private UnplacedReason? AgentIndependentQuotaCheck(ClientState client, Span<double> unreserved)
    {
        for (var d = 0; d < D; d++)
        {
            unreserved[d] = client.AcceptsUnreserved ? client.Task[d] : 0;
        }

        return QuotaCheck(client, unreserved);
    }

    /// <summary>The first agent at or after <paramref name="k"/> that is not exhausted (union-find with path halving).</summary>
    private int Live(int k)
    {
        while (_next[k] != k)
        {
            _next[k] = _next[_next[k]];
            k = _next[k];
        }

        return k;
    }

    private bool IsExhausted(int k)
    {
        var alternatives = _minAllocatable.Length / D;
        if (alternatives == 0)
        {
            return false;
        }

        Span<double> available = stackalloc double[D];
        _free.AsSpan(k * D, D).CopyTo(available);
        if (_reserved[k] is { } slots)
        {
            for (var s = 0; s < slots.RoleIds.Length; s++)
            {
                for (var d = 0; d < D; d++)
                {
                    available[d] += slots.Free[s * D + d];
                }
            }
        }

        for (var a = 0; a < alternatives; a++)
        {
            var contained = true;
            for (var d = 0; d < D; d++)
            {
                contained &= _minAllocatable[a * D + d] <= available[d] + Epsilon;
            }

            if (contained)
            {
                return false;
            }
        }

        return true;
    }

    private void Place(ClientState client, int k)
    {
        Span<double> need = stackalloc double[D];
        Span<double> unreserved = stackalloc double[D];
        client.Task.CopyTo(need);
        Consume(k, need, client.UsableReservation, client.AcceptsUnreserved, unreserved, clampAtZero: false);
        var top = client.Top * D;
        for (var d = 0; d < D; d++)
        {
            var unsatisfiedBefore = Math.Max(0, _guarantee[top + d] - _consumed[top + d]);
            _available[d] -= unreserved[d];
            _consumed[top + d] += unreserved[d];
            _required[d] += Math.Max(0, _guarantee[top + d] - _consumed[top + d]) - unsatisfiedBefore;
        }

        var spec = client.Spec;
        var ports = TakePorts(k, spec);
        var agent = _agents[k];
        var fromUnreserved = new Resources.ResourceQuantities(unreserved[0], unreserved[1], unreserved[2], unreserved[3]);
        _placements.Add(new TaskPlacement(spec.Id, spec.Role, agent.Id, agent.Hostname, spec.TaskResources, ports)
        {
            FromReservations = spec.TaskResources - fromUnreserved,
        });
        _tree.Allocate(client.Node, client.Task, 1);
        foreach (var constraint in client.Constraints)
        {
            constraint.Record(agent);
        }

        client.Pending--;
        if (IsExhausted(k))
        {
            _next[k] = k + 1;
        }
    }

    private int[] TakePorts(int k, AllocationClient spec)
    {
        var count = spec.RequiredPorts.Count + spec.PortsPerTask;
        if (count == 0)
        {
            return [];
        }

        var ports = new int[count];
        var pool = _ports[k]!;
        for (var i = 0; i < spec.RequiredPorts.Count; i++)
        {
            ports[i] = spec.RequiredPorts[i];
            pool.Remove(ports[i]);
        }

        pool.TakeLowest(spec.PortsPerTask, ports.AsSpan(spec.RequiredPorts.Count));
        return ports;
    }

    /// <summary>
    /// Takes <paramref name="need"/> from agent <paramref name="k"/>: usable reservations first (deepest role first),
    /// then unreserved; <paramref name="unreserved"/> receives the unreserved part.
    /// </summary>
    private void Consume(int k, Span<double> need, bool[] usable, bool acceptsUnreserved, Span<double> unreserved, bool clampAtZero)
    {
        if (_reserved[k] is { } slots)
        {
            for (var s = 0; s < slots.RoleIds.Length; s++)
            {
                if (!usable[slots.RoleIds[s]])
                {
                    continue;
                }

                for (var d = 0; d < D; d++)
                {
                    var take = Math.Min(need[d], slots.Free[s * D + d]);
                    slots.Free[s * D + d] -= take;
                    need[d] -= take;
                }
            }
        }

        for (var d = 0; d < D; d++)
        {
            var part = acceptsUnreserved ? need[d] : 0;
            unreserved[d] = part;
            var left = _free[k * D + d] - part;
            _free[k * D + d] = clampAtZero || left < 0 ? Math.Max(0, left) : left;
        }
    }
}
