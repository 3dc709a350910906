using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Universe.Runtime.Agents;
using Universe.Runtime.Allocation;
using Universe.Runtime.Apps;
using Universe.Runtime.Resources;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Scheduling;

/// <summary>Builds the allocator's snapshot: agents, one client per app (its role, or <c>*</c>), role weights and quotas.</summary>
internal sealed class AllocationSnapshotBuilder
{
    private readonly AgentRegistry _agents;
    private readonly IReadOnlyDictionary<string, RoleSettings> _roles;
    private readonly List<AllocationAgent> _allocationAgents;

    public AllocationSnapshotBuilder(AgentRegistry agents, IOptions<RuntimeOptions> options)
    {
        _agents = agents;
        _allocationAgents = [.. agents.Agents.Select(a => new AllocationAgent(a.Id, a.Hostname, a.Total))];
        _roles = options.Value.Roles.ToDictionary(
            kv => kv.Key,
            kv => new RoleSettings
            {
                Weight = kv.Value.Weight,
                Guarantee = string.IsNullOrWhiteSpace(kv.Value.Guarantee) ? null : MesosResources.Parse(kv.Value.Guarantee).Total,
                Limit = string.IsNullOrWhiteSpace(kv.Value.Limit) ? null : MesosResources.Parse(kv.Value.Limit).ToLimit(),
            },
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Caller holds the state lock. <paramref name="pending"/>: tasks to launch per app id. <paramref name="heldPorts"/>:
    /// per agent id, host ports that something other than the apps' tasks holds (they leave the agent's port pool, as
    /// Mesos leaves out resources it does not offer; ports are not a DRF dimension, so shares stay as they are).
    /// </summary>
    public AllocationSnapshot Build(RuntimeState state, IReadOnlyDictionary<string, int> pending, IReadOnlyDictionary<string, IReadOnlyList<int>>? heldPorts = null)
    {
        var running = state.Tasks.Values
            .Where(t => t.IsActive && _agents.ById.ContainsKey(t.AgentId))
            .GroupBy(t => t.AppId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => new RunningTask(t.AgentId, new ResourceQuantities(t.Cpus, t.Mem, t.Disk, t.Gpus)) { Ports = t.Ports }).ToList(), StringComparer.Ordinal);

        var clients = new List<AllocationClient>(state.Apps.Count);
        foreach (var app in state.Apps.Values)
        {
            clients.Add(ToClient(app, pending.GetValueOrDefault(app.Id), running.GetValueOrDefault(app.Id) ?? []));
        }

        foreach (var orphan in running.Keys.Where(id => !state.Apps.ContainsKey(id)))
        {
            var role = state.Tasks.Values.First(t => t.AppId == orphan).Role;
            clients.Add(new AllocationClient(orphan, role, ResourceQuantities.Zero, 0) { RunningTasks = running[orphan] });
        }

        var agentList = heldPorts is null || heldPorts.Count == 0
            ? _allocationAgents
            : [.. _allocationAgents.Select(a => heldPorts.TryGetValue(a.Id, out var held) ? a with { UnavailablePorts = held } : a)];
        return new AllocationSnapshot(agentList, clients) { Roles = _roles };
    }

    private static AllocationClient ToClient(AppDefinition app, int pending, List<RunningTask> running)
    {
        var required = app.Ports.Where(p => p.Port != 0 && (app.RequirePorts || p.Fixed)).Select(p => p.Port).ToList();
        var dynamic = app.Ports.Count - required.Count;
        var constraints = new List<PlacementConstraint>();
        foreach (var entry in (app.Json["constraints"] as JsonArray ?? []).OfType<JsonArray>())
        {
            var parts = entry.Select(p => p?.ToString() ?? string.Empty).ToList();
            if (PlacementConstraint.TryParse(parts, out var constraint, out _))
            {
                constraints.Add(constraint);
            }
        }

        var accepted = (app.Json["acceptedResourceRoles"] as JsonArray)?.Select(r => r?.ToString() ?? "*").ToList();
        return new AllocationClient(app.Id, app.Role, new ResourceQuantities(app.Cpus, app.Mem, app.Disk, app.Gpus), pending)
        {
            PortsPerTask = dynamic,
            RequiredPorts = required,
            Constraints = constraints,
            RunningTasks = running,
            AcceptedResourceRoles = accepted is { Count: > 0 } ? accepted : null,
        };
    }
}
