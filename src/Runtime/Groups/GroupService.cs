using System.Text.Json.Nodes;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Groups;

/// <summary>
/// Groups: explicit ones (created through <c>/v2/groups</c>, carrying dependencies) plus the implicit parents of
/// every app. Writes turn a <c>GroupUpdate</c> tree into one <see cref="StateChange"/> and one deployment.
/// </summary>
internal sealed class GroupService(RuntimeState state, DeploymentManager deployments)
{
    public JsonObject? Render(string id, GroupEmbeds embeds)
    {
        lock (state.Sync)
        {
            var all = AllGroupIds();
            return all.Contains(id) ? RenderGroup(id, all, embeds) : null;
        }
    }

    public bool Exists(string id)
    {
        lock (state.Sync)
        {
            return AllGroupIds().Contains(id);
        }
    }

    public bool IsApp(string id)
    {
        lock (state.Sync)
        {
            return state.Apps.ContainsKey(id);
        }
    }

    /// <summary>Parses a <c>GroupUpdate</c> body for group <paramref name="id"/> into <paramref name="change"/>.</summary>
    public void Collect(JsonObject body, string id, bool replace, StateChange change, ValidationErrors errors, string path = "")
    {
        lock (state.Sync)
        {
            var deps = new List<string>();
            var depsArray = body["dependencies"] as JsonArray ?? [];
            for (var i = 0; i < depsArray.Count; i++)
            {
                var raw = depsArray[i]?.ToString() ?? string.Empty;
                if (PathId.Validate(raw) is { } error)
                {
                    errors.Add($"{path}/dependencies({i})", error);
                    continue;
                }

                deps.Add(PathId.Resolve(raw, id));
            }

            var existing = state.Groups.GetValueOrDefault(id);
            change.Groups[id] = new GroupDefinition(
                id,
                body.ContainsKey("dependencies") ? deps : existing?.Dependencies ?? [],
                (bool?)body["enforceRole"] ?? existing?.EnforceRole ?? false,
                string.Empty);

            var listedApps = new HashSet<string>(StringComparer.Ordinal);
            var apps = body["apps"] as JsonArray ?? [];
            for (var i = 0; i < apps.Count; i++)
            {
                if (apps[i] is not JsonObject app)
                {
                    errors.AddTypeError($"{path}/apps({i})", "error.expected.jsobject");
                    continue;
                }

                var clone = (JsonObject)app.DeepClone();
                AppNormalizer.Normalize(clone, id, $"{path}/apps({i})", errors);
                if (clone["id"] is JsonValue appId && errors.IsEmpty)
                {
                    listedApps.Add(appId.ToString());
                    change.Apps[appId.ToString()] = clone;
                }
            }

            var listedGroups = new HashSet<string>(StringComparer.Ordinal);
            var groups = body["groups"] as JsonArray ?? [];
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i] is not JsonObject group || (string?)group["id"] is not { } rawId || PathId.Validate(rawId) is not null)
                {
                    errors.Add($"{path}/groups({i})/id", "must be a valid path id");
                    continue;
                }

                var groupId = PathId.Resolve(rawId, id);
                if (PathId.Parent(groupId) != id)
                {
                    errors.Add($"{path}/groups({i})/id", $"identifier {groupId} is not child of {id}. Hint: use relative paths.");
                    continue;
                }

                listedGroups.Add(groupId);
                Collect(group, groupId, replace, change, errors, $"{path}/groups({i})");
            }

            if (replace)
            {
                RemoveUnlisted(body, id, listedApps, listedGroups, change);
            }
        }
    }

    /// <summary><c>scaleBy</c>: multiplies the instances of every app below <paramref name="id"/>.</summary>
    public void ScaleBy(string id, double factor, StateChange change)
    {
        lock (state.Sync)
        {
            foreach (var app in state.Apps.Values.Where(a => PathId.IsUnder(a.Id, id)))
            {
                var json = (JsonObject)app.Json.DeepClone();
                json["instances"] = (int)Math.Round(app.Instances * factor);
                change.Apps[app.Id] = json;
            }
        }
    }

    /// <summary>Deletes the group, its sub-groups and every app below it.</summary>
    public void CollectDelete(string id, StateChange change)
    {
        lock (state.Sync)
        {
            foreach (var app in state.Apps.Keys.Where(a => PathId.IsUnder(a, id)))
            {
                change.Apps[app] = null;
            }

            foreach (var group in state.Groups.Keys.Where(g => PathId.IsUnder(g, id)))
            {
                change.Groups[group] = null;
            }
        }
    }

    public ChangeResult Apply(StateChange change, bool force, bool dryRun) => deployments.Apply(change, force, dryRun);

    private void RemoveUnlisted(JsonObject body, string id, HashSet<string> listedApps, HashSet<string> listedGroups, StateChange change)
    {
        if (body.ContainsKey("apps"))
        {
            foreach (var app in state.Apps.Keys.Where(a => PathId.Parent(a) == id && !listedApps.Contains(a)))
            {
                change.Apps[app] = null;
            }
        }

        if (body.ContainsKey("groups"))
        {
            foreach (var child in AllGroupIds().Where(g => g != "/" && g != id && PathId.Parent(g) == id && !listedGroups.Contains(g)))
            {
                CollectDelete(child, change);
            }
        }
    }

    private HashSet<string> AllGroupIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { "/" };
        foreach (var id in state.Groups.Keys.Concat(state.Apps.Keys.Select(PathId.Parent)))
        {
            for (var g = id; ids.Add(g); g = PathId.Parent(g))
            {
            }
        }

        return ids;
    }

    private JsonObject RenderGroup(string id, HashSet<string> all, GroupEmbeds embeds)
    {
        var definition = state.Groups.GetValueOrDefault(id);
        var apps = state.Apps.Values.Where(a => PathId.Parent(a.Id) == id).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var version = definition?.Version ?? apps.Select(a => a.Version).DefaultIfEmpty(RuntimeClock.Format(DateTimeOffset.UnixEpoch)).Max(StringComparer.Ordinal);
        var json = new JsonObject { ["id"] = id };
        if (embeds.Apps)
        {
            json["apps"] = new JsonArray([.. apps.Select(a => (JsonNode)AppJson.Render(a, state, embeds.AppEmbeds))]);
        }

        if (embeds.Groups)
        {
            json["groups"] = new JsonArray([.. all.Where(g => g != "/" && g != id && PathId.Parent(g) == id).Order(StringComparer.Ordinal)
                .Select(g => (JsonNode)RenderGroup(g, all, embeds))]);
        }

        json["pods"] = new JsonArray();
        json["dependencies"] = new JsonArray([.. (definition?.Dependencies ?? []).Select(d => (JsonNode)JsonValue.Create(d))]);
        json["version"] = version;
        json["enforceRole"] = definition?.EnforceRole ?? false;
        return json;
    }
}
