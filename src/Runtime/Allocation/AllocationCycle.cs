using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>
/// One allocation cycle's working state: agents as flat free vectors, the <see cref="DrfTree"/> over roles and
/// clients, quota bookkeeping. Setup is here; the placement loop in <c>AllocationCycle.Loop.cs</c>, the per-agent
/// checks in <c>AllocationCycle.Fit.cs</c>, the unplaced reasons in <c>AllocationCycle.Explain.cs</c>.
/// </summary>
internal sealed partial class AllocationCycle
{
    private const int D = ResourceQuantities.Dimensions;
    private const double Epsilon = 1e-9;

    private readonly AllocationSnapshot _snapshot;
    private readonly AllocationOptions _options;
    private readonly int _agentCount;
    private readonly AllocationAgent[] _agents;
    private readonly Dictionary<string, int> _agentIndex;
    private readonly double[] _free;
    private readonly ReservationSlots?[] _reserved;
    private readonly PortPool?[] _ports;
    private readonly bool[] _hasGpus;
    private readonly bool[] _hasUnreserved;
    private readonly int[] _next;
    private readonly double[] _minAllocatable;
    private readonly Dictionary<string, int> _reservationRoleIds = new(StringComparer.Ordinal);
    private readonly List<string> _reservationRoles = [];
    private readonly ClientState[] _clients;
    private readonly int[] _clientByNode;
    private readonly Dictionary<string, int> _topIndex = new(StringComparer.Ordinal);
    private readonly List<int> _topNode = [];
    private readonly DrfTree _tree;
    private double[] _consumed = [];
    private double[] _guarantee = [];
    private double[] _limit = [];
    private readonly double[] _required = new double[D];
    private readonly double[] _available = new double[D];
    private bool _anyGuarantee;
    private bool _anyLimit;

    public AllocationCycle(AllocationSnapshot snapshot, AllocationOptions options, int[]? shuffle)
    {
        _snapshot = snapshot;
        _options = options;
        _agentCount = snapshot.Agents.Count;
        _agents = OrderAgents(snapshot.Agents, shuffle);
        _agentIndex = new Dictionary<string, int>(_agentCount, StringComparer.Ordinal);
        _free = new double[_agentCount * D];
        _reserved = new ReservationSlots?[_agentCount];
        _ports = new PortPool?[_agentCount];
        _hasGpus = new bool[_agentCount];
        _hasUnreserved = new bool[_agentCount];
        _next = new int[_agentCount + 1];
        _minAllocatable = new double[options.MinAllocatable.Count * D];
        for (var i = 0; i < options.MinAllocatable.Count; i++)
        {
            CopyTo(options.MinAllocatable[i], _minAllocatable.AsSpan(i * D, D));
        }

        var totals = SetUpAgents();
        _tree = new DrfTree(InverseTotals(totals));
        _clients = new ClientState[snapshot.Clients.Count];
        BuildTree();
        _clientByNode = new int[_tree.NodeCount];
        Array.Fill(_clientByNode, -1);
        foreach (var client in _clients)
        {
            _clientByNode[client.Node] = client.Index;
        }

        SetUpQuota();
        SetUpClients();
        SetUpHeadroomAndLiveness();
    }

    private static void CopyTo(ResourceQuantities q, Span<double> target)
    {
        target[0] = q.Cpus;
        target[1] = q.MemMb;
        target[2] = q.DiskMb;
        target[3] = q.Gpus;
    }

    private static AllocationAgent[] OrderAgents(IReadOnlyList<AllocationAgent> agents, int[]? shuffle)
    {
        var sorted = new AllocationAgent[agents.Count];
        var ids = new string[agents.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = agents[i] ?? throw new ArgumentException("Null agent in snapshot", nameof(agents));
            ids[i] = sorted[i].Id;
        }

        Array.Sort(ids, sorted, StringComparer.Ordinal);
        if (shuffle is null)
        {
            return sorted;
        }

        var shuffled = new AllocationAgent[sorted.Length];
        for (var i = 0; i < shuffled.Length; i++)
        {
            shuffled[i] = sorted[shuffle[i]];
        }

        return shuffled;
    }

    private double[] SetUpAgents()
    {
        var totals = new double[D];
        var slotRoles = new List<(string Role, ResourceQuantities Free)>();
        for (var k = 0; k < _agentCount; k++)
        {
            var agent = _agents[k];
            if (!_agentIndex.TryAdd(agent.Id, k))
            {
                throw new ArgumentException($"Duplicate agent id '{agent.Id}'");
            }

            var total = agent.Total;
            var free = ResourceQuantities.Max(total.Unreserved - agent.Unavailable, ResourceQuantities.Zero);
            CopyTo(free, _free.AsSpan(k * D, D));
            _hasUnreserved[k] = !total.Unreserved.IsZero;
            var all = total.Total;
            _hasGpus[k] = all.Gpus > 0;
            for (var d = 0; d < D; d++)
            {
                totals[d] += all[d];
            }

            if (total.Reserved.Count > 0)
            {
                slotRoles.Clear();
                foreach (var (role, quantities) in total.Reserved)
                {
                    slotRoles.Add((role, quantities));
                }

                slotRoles.Sort((a, b) => a.Role.Length != b.Role.Length ? b.Role.Length.CompareTo(a.Role.Length) : string.CompareOrdinal(a.Role, b.Role));
                var ids = new int[slotRoles.Count];
                var slotFree = new double[slotRoles.Count * D];
                for (var s = 0; s < ids.Length; s++)
                {
                    ids[s] = ReservationRoleId(slotRoles[s].Role);
                    CopyTo(slotRoles[s].Free, slotFree.AsSpan(s * D, D));
                }

                _reserved[k] = new ReservationSlots(ids, slotFree);
            }

            if (total.Ports.Count > 0)
            {
                var pool = new PortPool(total.Ports);
                foreach (var port in agent.UnavailablePorts)
                {
                    pool.Remove(port);
                }

                _ports[k] = pool;
            }
        }

        return totals;
    }

    private int ReservationRoleId(string role)
    {
        if (!_reservationRoleIds.TryGetValue(role, out var id))
        {
            id = _reservationRoles.Count;
            _reservationRoles.Add(role);
            _reservationRoleIds[role] = id;
        }

        return id;
    }

    private double[] InverseTotals(double[] totals)
    {
        var inverse = new double[D];
        for (var d = 0; d < D; d++)
        {
            var excluded = false;
            foreach (var name in _options.FairnessExcludedResources)
            {
                excluded |= name == ResourceQuantities.Names[d];
            }

            inverse[d] = totals[d] > 0 && !excluded ? 1.0 / totals[d] : 0;
        }

        return inverse;
    }

    private double WeightOf(string role)
    {
        if (!_snapshot.Roles.TryGetValue(role, out var settings))
        {
            return 1.0;
        }

        return settings.Weight > 0 && double.IsFinite(settings.Weight)
            ? settings.Weight
            : throw new ArgumentException($"Weight of role '{role}' must be a positive number");
    }
}
