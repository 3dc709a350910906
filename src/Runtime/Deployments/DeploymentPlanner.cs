using System.Text.Json.Nodes;
using Universe.Runtime.Apps;
using Universe.Runtime.Groups;

namespace Universe.Runtime.Deployments;

/// <summary>
/// Marathon's <c>DeploymentPlan.apply</c>: stop removed apps, start new ones at 0, then scale/restart the changed
/// apps in steps ordered by the longest dependency path (dependencies first); empty steps are dropped.
/// </summary>
internal static class DeploymentPlanner
{
    /// <summary>The steps, or null when the target's dependency graph has a cycle.</summary>
    public static List<IReadOnlyList<DeploymentAction>>? Plan(
        IReadOnlyDictionary<string, AppDefinition> before,
        IReadOnlyDictionary<string, AppDefinition> after,
        IReadOnlyDictionary<string, GroupDefinition> groups,
        IReadOnlyCollection<string> changed)
    {
        var depths = DependencyGraph.Depths(after, groups);
        if (depths is null)
        {
            return null;
        }

        var steps = new List<IReadOnlyList<DeploymentAction>>();
        var stops = changed.Where(id => before.ContainsKey(id) && !after.ContainsKey(id)).Order(StringComparer.Ordinal)
            .Select(id => new DeploymentAction("StopApplication", id)).ToList();
        var starts = changed.Where(id => !before.ContainsKey(id) && after.ContainsKey(id)).Order(StringComparer.Ordinal)
            .Select(id => new DeploymentAction("StartApplication", id)).ToList();
        AddIfAny(steps, stops);
        AddIfAny(steps, starts);

        var ordered = changed.Where(after.ContainsKey).GroupBy(id => depths[id]).OrderBy(g => g.Key);
        foreach (var level in ordered)
        {
            var actions = new List<DeploymentAction>();
            foreach (var id in level.Order(StringComparer.Ordinal))
            {
                var action = ActionFor(before.GetValueOrDefault(id), after[id]);
                if (action is not null)
                {
                    actions.Add(new DeploymentAction(action, id));
                }
            }

            AddIfAny(steps, actions);
        }

        return steps;
    }

    /// <summary>True when the two definitions differ in more than instances, version and versionInfo.</summary>
    public static bool IsConfigChange(JsonObject oldJson, JsonObject newJson)
    {
        var a = (JsonObject)oldJson.DeepClone();
        var b = (JsonObject)newJson.DeepClone();
        foreach (var name in new[] { "instances", "version", "versionInfo" })
        {
            a.Remove(name);
            b.Remove(name);
        }

        return !JsonNode.DeepEquals(a, b);
    }

    private static string? ActionFor(AppDefinition? old, AppDefinition target)
    {
        if (old is null)
        {
            return "ScaleApplication";
        }

        if (old.LastConfigChangeAt != target.LastConfigChangeAt)
        {
            return "RestartApplication";
        }

        return old.Instances != target.Instances ? "ScaleApplication" : null;
    }

    private static void AddIfAny(List<IReadOnlyList<DeploymentAction>> steps, List<DeploymentAction> actions)
    {
        if (actions.Count > 0)
        {
            steps.Add(actions);
        }
    }
}
