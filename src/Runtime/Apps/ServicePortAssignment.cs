using System.Globalization;
using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>
/// Marathon's service ports: <c>container.portMappings[].servicePort</c> off the host network, else
/// <c>portDefinitions[].port</c>. A 0 is assigned at deployment time from <c>Runtime:ServicePorts</c>
/// (<c>[Min, Max)</c>, Marathon's <c>--local_port_min/max</c>) the way Marathon's <c>AssignDynamicServiceLogic</c>
/// does: first the app's own earlier ports that the new definition does not name, then the lowest port no app
/// (before or after the change) uses. So an app keeps its ports across updates, restarts and rollbacks, and no
/// two apps share an assigned port while both exist. Non-zero ports are kept as given.
/// </summary>
internal static class ServicePortAssignment
{
    /// <summary>The service ports of a normalised app, in port order.</summary>
    public static List<int> Of(JsonObject app)
    {
        var (nodes, field) = Entries(app);
        return [.. nodes.Select(n => Number(n[field]))];
    }

    /// <summary>
    /// Assigns the 0s of <paramref name="changed"/> (app id → new normalised JSON, edited in place; ordinal id order).
    /// <paramref name="before"/>: every app before the change; <paramref name="unchanged"/>: apps the change keeps as
    /// they are (with <paramref name="changed"/>, the apps after the change). Returns an error message when the range has no port left, or when a port mapping asks for a service
    /// port another app's port mapping has (Marathon's group validation); null when done.
    /// </summary>
    public static string? Assign(
        IReadOnlyDictionary<string, AppDefinition> before,
        IEnumerable<AppDefinition> unchanged,
        IReadOnlyDictionary<string, JsonObject> changed,
        int min,
        int max)
    {
        var used = new HashSet<int>();
        foreach (var app in before.Values.Concat(unchanged))
        {
            used.UnionWith(app.ServicePorts.Where(p => p != 0));
        }

        foreach (var json in changed.Values)
        {
            used.UnionWith(Of(json).Where(p => p != 0));
        }

        if (MappingConflict(unchanged, changed) is { } conflict)
        {
            return conflict;
        }

        var next = min;
        foreach (var (id, json) in changed.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var (nodes, field) = Entries(json);
            if (!nodes.Any(n => Number(n[field]) == 0))
            {
                continue;
            }

            var wanted = Of(json);
            var reusable = new Queue<int>(before.TryGetValue(id, out var old)
                ? old.ServicePorts.Where(p => p >= min && p < max && !wanted.Contains(p))
                : []);
            foreach (var node in nodes.Where(n => Number(n[field]) == 0))
            {
                int port;
                if (reusable.Count > 0)
                {
                    port = reusable.Dequeue();
                }
                else
                {
                    while (next < max && used.Contains(next))
                    {
                        next++;
                    }

                    if (next >= max)
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"All ports in the range [{min}-{max}) are already in use");
                    }

                    port = next;
                }

                used.Add(port);
                node[field] = port;
            }
        }

        return null;
    }

    private static string? MappingConflict(IEnumerable<AppDefinition> unchanged, IReadOnlyDictionary<string, JsonObject> changed)
    {
        var others = unchanged
            .Select(a => (a.Id, Ports: MappingServicePorts(a.Json)))
            .Concat(changed.Select(kv => (Id: kv.Key, Ports: MappingServicePorts(kv.Value))))
            .ToList();
        foreach (var (id, json) in changed.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var requested = MappingServicePorts(json).Where(p => p != 0).ToHashSet();
            foreach (var (otherId, ports) in others.Where(o => o.Id != id))
            {
                if (ports.FirstOrDefault(requested.Contains) is var clash and not 0)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"Requested service port {clash} conflicts with a service port in app {otherId}");
                }
            }
        }

        return null;
    }

    private static List<int> MappingServicePorts(JsonObject app) =>
        ContainerNormalizer.NetworkMode(app) != "host" && (app["container"] as JsonObject)?["portMappings"] is JsonArray mappings
            ? [.. mappings.OfType<JsonObject>().Select(m => Number(m["servicePort"]))]
            : [];

    private static (List<JsonObject> Nodes, string Field) Entries(JsonObject app) =>
        ContainerNormalizer.NetworkMode(app) != "host" && (app["container"] as JsonObject)?["portMappings"] is JsonArray mappings
            ? ([.. mappings.OfType<JsonObject>()], "servicePort")
            : ([.. (app["portDefinitions"] as JsonArray ?? []).OfType<JsonObject>()], "port");

    private static int Number(JsonNode? node) => node.TryGetDouble(out var value) ? (int)value : 0;
}
