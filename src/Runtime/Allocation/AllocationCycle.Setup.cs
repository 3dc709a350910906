using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

internal sealed partial class AllocationCycle
{
    private void BuildTree()
    {
        var clientIds = new HashSet<string>(StringComparer.Ordinal);
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var client in _snapshot.Clients)
        {
            ArgumentNullException.ThrowIfNull(client);
            if (!clientIds.Add(client.Id))
            {
                throw new ArgumentException($"Duplicate client id '{client.Id}'");
            }

            if (!RoleNames.IsValid(client.Role))
            {
                throw new ArgumentException($"Invalid role '{client.Role}' of client '{client.Id}'");
            }

            var t = client.TaskResources;
            if (!(t.Cpus >= 0 && t.MemMb >= 0 && t.DiskMb >= 0 && t.Gpus >= 0) || !double.IsFinite(t.Cpus + t.MemMb + t.DiskMb + t.Gpus) || client.PortsPerTask < 0)
            {
                throw new ArgumentException($"Invalid (negative or non-finite) task resources of client '{client.Id}'");
            }

            roles.Add(client.Role);
        }

        var roleNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var hasSubRoles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var parent = DrfTree.Root;
            var start = 0;
            while (true)
            {
                var slash = role == RoleNames.Default ? -1 : role.IndexOf('/', start);
                var prefix = slash < 0 ? role : role[..slash];
                if (!roleNode.TryGetValue(prefix, out var node))
                {
                    node = _tree.AddNode(prefix, parent, WeightOf(prefix));
                    roleNode[prefix] = node;
                    if (parent == DrfTree.Root)
                    {
                        _topIndex[prefix] = _topNode.Count;
                        _topNode.Add(node);
                    }
                }

                if (slash < 0)
                {
                    break;
                }

                hasSubRoles.Add(prefix);
                parent = node;
                start = slash + 1;
            }
        }

        var clientParent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            clientParent[role] = hasSubRoles.Contains(role)
                ? _tree.AddNode(role, roleNode[role], WeightOf(role))
                : roleNode[role];
        }

        for (var i = 0; i < _clients.Length; i++)
        {
            var spec = _snapshot.Clients[i];
            _clients[i] = new ClientState(spec, i)
            {
                Node = _tree.AddNode(spec.Id, clientParent[spec.Role], 1.0),
                Top = _topIndex[RoleNames.TopLevel(spec.Role)],
            };
        }

        _tree.Seal();
    }

    private void SetUpQuota()
    {
        foreach (var (role, settings) in _snapshot.Roles)
        {
            if (!role.Contains('/', StringComparison.Ordinal) && (settings.Guarantee is not null || settings.Limit is not null)
                && !_topIndex.ContainsKey(role))
            {
                _topIndex[role] = _topNode.Count;
                _topNode.Add(-1);
            }
        }

        var tops = _topNode.Count;
        _consumed = new double[tops * D];
        _guarantee = new double[tops * D];
        _limit = new double[tops * D];
        Array.Fill(_limit, double.PositiveInfinity);
        foreach (var (top, index) in _topIndex)
        {
            if (_snapshot.Roles.TryGetValue(top, out var settings))
            {
                if (settings.Guarantee is { } guarantee)
                {
                    CopyTo(guarantee, _guarantee.AsSpan(index * D, D));
                    _anyGuarantee |= !guarantee.IsZero;
                }

                if (settings.Limit is { } limit)
                {
                    CopyTo(limit, _limit.AsSpan(index * D, D));
                    _anyLimit = true;
                }
            }
        }

        for (var k = 0; k < _agentCount; k++)
        {
            if (_reserved[k] is not { } slots)
            {
                continue;
            }

            for (var s = 0; s < slots.RoleIds.Length; s++)
            {
                if (_topIndex.TryGetValue(RoleNames.TopLevel(_reservationRoles[slots.RoleIds[s]]), out var top))
                {
                    for (var d = 0; d < D; d++)
                    {
                        _consumed[top * D + d] += slots.Free[s * D + d];
                    }
                }
            }
        }
    }

    private void SetUpClients()
    {
        var shapes = new Dictionary<string, AgentCursor>(StringComparer.Ordinal);
        Span<double> need = stackalloc double[D];
        Span<double> unreserved = stackalloc double[D];
        foreach (var client in _clients)
        {
            var spec = client.Spec;
            var roleUsable = new bool[_reservationRoles.Count];
            var usable = new bool[_reservationRoles.Count];
            client.AcceptsUnreserved = spec.AcceptedResourceRoles is null || spec.AcceptedResourceRoles.Contains(RoleNames.Default);
            for (var r = 0; r < usable.Length; r++)
            {
                roleUsable[r] = RoleNames.IsSelfOrAncestor(_reservationRoles[r], spec.Role);
                usable[r] = roleUsable[r] && (spec.AcceptedResourceRoles is null || spec.AcceptedResourceRoles.Contains(_reservationRoles[r]));
            }

            client.UsableReservation = usable;
            client.UsesReservations = Array.IndexOf(usable, true) >= 0;
            client.Constraints = [.. spec.Constraints.Select(c => new ConstraintState(c))];
            if (spec.Filters.Count > 0)
            {
                client.Filters = [];
                foreach (var filter in spec.Filters)
                {
                    if (_agentIndex.TryGetValue(filter.AgentId, out var k))
                    {
                        client.Filters[k] = filter.Refused;
                    }
                }
            }

            client.Cursor = ShapeCursor(client, shapes, RoleMatters(client));

            foreach (var task in spec.RunningTasks)
            {
                if (!_agentIndex.TryGetValue(task.AgentId, out var k))
                {
                    continue;
                }

                CopyTo(task.Resources, need);
                Consume(k, need, roleUsable, acceptsUnreserved: true, unreserved, clampAtZero: true);
                for (var d = 0; d < D; d++)
                {
                    _consumed[client.Top * D + d] += unreserved[d];
                }

                CopyTo(task.Resources, need);
                _tree.Allocate(client.Node, need, 1);
                foreach (var constraint in client.Constraints)
                {
                    constraint.Record(_agents[k]);
                }

                if (_ports[k] is { } pool)
                {
                    foreach (var port in task.Ports)
                    {
                        pool.Remove(port);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether the role changes which agents can take a task: only through usable reservations. (Quota checks
    /// are then agent-independent and done once per pick, see <see cref="FindAgent"/>.) Otherwise apps of the same
    /// task shape share one cursor across roles.
    /// </summary>
    private static bool RoleMatters(ClientState client) => client.UsesReservations;

    private static AgentCursor ShapeCursor(ClientState client, Dictionary<string, AgentCursor> shapes, bool roleMatters)
    {
        var spec = client.Spec;
        if (client.Constraints.Length > 0 || client.Filters is not null)
        {
            return new AgentCursor { Monotone = client.Constraints.All(c => c.IsMonotone) };
        }

        var key = string.Join(
            '|',
            roleMatters ? spec.Role : string.Empty,
            spec.TaskResources.ToString(),
            spec.PortsPerTask,
            string.Join(',', spec.RequiredPorts),
            spec.AcceptedResourceRoles is null ? "-" : string.Join(',', spec.AcceptedResourceRoles));
        if (!shapes.TryGetValue(key, out var cursor))
        {
            shapes[key] = cursor = new AgentCursor();
        }

        return cursor;
    }

    private void SetUpHeadroomAndLiveness()
    {
        for (var k = 0; k < _agentCount; k++)
        {
            for (var d = 0; d < D; d++)
            {
                _available[d] += _free[k * D + d];
            }

            _next[k] = IsExhausted(k) ? k + 1 : k;
        }

        _next[_agentCount] = _agentCount;
        RecomputeRequiredHeadroom();
    }

    private void RecomputeRequiredHeadroom()
    {
        Array.Clear(_required);
        for (var top = 0; top < _topNode.Count; top++)
        {
            for (var d = 0; d < D; d++)
            {
                _required[d] += Math.Max(0, _guarantee[top * D + d] - _consumed[top * D + d]);
            }
        }
    }
}
