using Universe.Runtime.Apps;
using Universe.Runtime.Groups;

namespace Universe.Runtime.Deployments;

/// <summary>
/// App dependencies after Marathon's rules: an app depends on its own <c>dependencies</c> and on those of every
/// enclosing group; a dependency naming a group stands for every app below it.
/// </summary>
internal static class DependencyGraph
{
    /// <summary>Longest-path depth of every app (0 = no dependencies), or null when the graph has a cycle.</summary>
    public static Dictionary<string, int>? Depths(IReadOnlyDictionary<string, AppDefinition> apps, IReadOnlyDictionary<string, GroupDefinition> groups)
    {
        var edges = apps.Values.ToDictionary(a => a.Id, a => DirectDependencies(a, apps, groups), StringComparer.Ordinal);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!Visit(id, edges, depths, visiting))
            {
                return null;
            }
        }

        return depths;
    }

    private static bool Visit(string id, Dictionary<string, List<string>> edges, Dictionary<string, int> depths, HashSet<string> visiting)
    {
        if (depths.ContainsKey(id))
        {
            return true;
        }

        if (!visiting.Add(id))
        {
            return false;
        }

        var depth = 0;
        foreach (var dependency in edges[id])
        {
            if (!Visit(dependency, edges, depths, visiting))
            {
                return false;
            }

            depth = Math.Max(depth, depths[dependency] + 1);
        }

        visiting.Remove(id);
        depths[id] = depth;
        return true;
    }

    private static List<string> DirectDependencies(AppDefinition app, IReadOnlyDictionary<string, AppDefinition> apps, IReadOnlyDictionary<string, GroupDefinition> groups)
    {
        var declared = new List<string>(app.Dependencies);
        for (var group = PathId.Parent(app.Id); ; group = PathId.Parent(group))
        {
            if (groups.TryGetValue(group, out var definition))
            {
                declared.AddRange(definition.Dependencies);
            }

            if (group == "/")
            {
                break;
            }
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in declared)
        {
            if (apps.ContainsKey(dependency))
            {
                result.Add(dependency);
                continue;
            }

            foreach (var other in apps.Keys)
            {
                if (PathId.IsUnder(other, dependency) && dependency != "/" && !PathId.IsUnder(app.Id, dependency))
                {
                    result.Add(other);
                }
            }
        }

        result.Remove(app.Id);
        return [.. result];
    }
}
