using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Deployments;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Apps;

/// <summary>App reads (with a response cache per state version) and writes (through <see cref="DeploymentManager"/>).</summary>
internal sealed class AppService(RuntimeState state, RuntimeStore store, DeploymentManager deployments)
{
    private readonly ConcurrentDictionary<string, (long Version, byte[] Body)> _listCache = new(StringComparer.Ordinal);

    /// <summary><c>GET /v2/apps</c>: always with counts and deployments; the serialised body is cached per state version and query.</summary>
    public byte[] List(string cacheKey, string? idFilter, string? cmdFilter, LabelSelector? selector, AppEmbeds embeds, bool gzip = false)
    {
        var version = state.Version;
        var key = gzip ? "gzip|" + cacheKey : cacheKey;
        if (_listCache.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Body;
        }

        if (gzip)
        {
            var raw = List(cacheKey, idFilter, cmdFilter, selector, embeds);
            var rawVersion = _listCache.TryGetValue(cacheKey, out var entry) ? entry.Version : version;
            using var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest))
            {
                zip.Write(raw);
            }

            var zipped = compressed.ToArray();
            _listCache[key] = (rawVersion, zipped);
            return zipped;
        }

        lock (state.Sync)
        {
            version = state.Version;
            var apps = new JsonArray();
            var tasksByApp = state.Tasks.Values.ToLookup(t => t.AppId, StringComparer.Ordinal);
            foreach (var app in state.Apps.Values.OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                if ((idFilter is not null && !app.Id.Contains(idFilter, StringComparison.OrdinalIgnoreCase))
                    || (cmdFilter is not null && !(app.Cmd ?? string.Empty).Contains(cmdFilter, StringComparison.OrdinalIgnoreCase))
                    || (selector is not null && !selector.Matches(app.Labels)))
                {
                    continue;
                }

                apps.Add(AppJson.Render(app, state, embeds | AppEmbeds.Counts | AppEmbeds.Deployments, tasksByApp));
            }

            var body = Encoding.UTF8.GetBytes(new JsonObject { ["apps"] = apps }.ToJsonString(RuntimeJson.Options));
            if (_listCache.Count > 256)
            {
                _listCache.Clear();
            }

            _listCache[cacheKey] = (version, body);
            return body;
        }
    }

    public JsonObject? Get(string id, AppEmbeds embeds)
    {
        lock (state.Sync)
        {
            return state.Apps.TryGetValue(id, out var app) ? AppJson.Render(app, state, embeds) : null;
        }
    }

    /// <summary>Apps directly or transitively under a group (<c>/v2/apps/{group}/*</c>).</summary>
    public JsonArray ListUnder(string groupId, AppEmbeds embeds)
    {
        lock (state.Sync)
        {
            return new JsonArray([.. state.Apps.Values.Where(a => PathId.IsUnder(a.Id, groupId)).OrderBy(a => a.Id, StringComparer.Ordinal)
                .Select(a => (JsonNode)AppJson.Render(a, state, embeds))]);
        }
    }

    public IReadOnlyList<string>? Versions(string id)
    {
        lock (state.Sync)
        {
            return state.Apps.ContainsKey(id) ? [.. (state.AppVersions.GetValueOrDefault(id) ?? []).AsEnumerable().Reverse()] : null;
        }
    }

    public JsonObject? Version(string id, string version)
    {
        lock (state.Sync)
        {
            return state.Apps.ContainsKey(id) ? store.LoadAppVersion(id, version) : null;
        }
    }

    public AppWriteResult Create(JsonObject body, bool force)
    {
        var errors = new ValidationErrors();
        AppNormalizer.Normalize(body, "/", string.Empty, errors);
        if (!errors.IsEmpty)
        {
            return new AppWriteResult(AppWriteStatus.Invalid, Errors: errors);
        }

        var id = (string)body["id"]!;
        lock (state.Sync)
        {
            if (state.Apps.ContainsKey(id))
            {
                return new AppWriteResult(AppWriteStatus.AlreadyExists);
            }

            if (IsGroup(id))
            {
                return new AppWriteResult(AppWriteStatus.GroupClash);
            }

            var change = new StateChange();
            change.Apps[id] = body;
            var result = deployments.Apply(change, force);
            return result.Status == ChangeStatus.Deployed
                ? new AppWriteResult(AppWriteStatus.Created, result, App: state.Apps[id],
                    CreatedJson: AppJson.Render(state.Apps[id], state, AppEmbeds.Counts | AppEmbeds.Deployments))
                : new AppWriteResult(AppWriteStatus.Refused, result);
        }
    }

    /// <summary>PUT/PATCH of one app: partial merges into the current definition; a version-only body rolls back.</summary>
    public AppWriteResult Update(string id, JsonObject body, bool force, bool partial, bool allowCreate, string errorPath = "")
    {
        lock (state.Sync)
        {
            var existing = state.Apps.GetValueOrDefault(id);
            if (existing is null && !allowCreate)
            {
                return new AppWriteResult(AppWriteStatus.NotFound);
            }

            JsonObject target;
            var errors = new ValidationErrors();
            if (body["version"] is JsonValue versionNode && body.All(kv => kv.Key is "version" or "id"))
            {
                var stored = existing is null ? null : store.LoadAppVersion(id, versionNode.ToString());
                if (stored is null)
                {
                    return new AppWriteResult(AppWriteStatus.NotFound);
                }

                target = stored;
                AppNormalizer.StripResponseFields(target);
            }
            else
            {
                AppNormalizer.StripResponseFields(body);
                target = partial && existing is not null ? Merge(existing.Json, body) : body;
                target["id"] = id;
                AppNormalizer.Normalize(target, "/", errorPath, errors);
                if (!errors.IsEmpty)
                {
                    return new AppWriteResult(AppWriteStatus.Invalid, Errors: errors);
                }
            }

            var change = new StateChange();
            change.Apps[id] = target;
            var result = deployments.Apply(change, force);
            if (result.Status != ChangeStatus.Deployed)
            {
                return new AppWriteResult(AppWriteStatus.Refused, result);
            }

            return new AppWriteResult(existing is null ? AppWriteStatus.Created : AppWriteStatus.Updated, result, App: state.Apps.GetValueOrDefault(id));
        }
    }

    /// <summary><c>PUT/PATCH /v2/apps</c>: several apps in one deployment.</summary>
    public AppWriteResult UpdateMany(IReadOnlyList<(JsonObject Body, string Id)> updates, bool force, bool partial)
    {
        lock (state.Sync)
        {
            var change = new StateChange();
            var errors = new ValidationErrors();
            for (var i = 0; i < updates.Count; i++)
            {
                var (body, id) = updates[i];
                AppNormalizer.StripResponseFields(body);
                var existing = state.Apps.GetValueOrDefault(id);
                var target = partial && existing is not null ? Merge(existing.Json, body) : body;
                target["id"] = id;
                AppNormalizer.Normalize(target, "/", $"({i})", errors);
                change.Apps[id] = target;
            }

            if (!errors.IsEmpty)
            {
                return new AppWriteResult(AppWriteStatus.Invalid, Errors: errors);
            }

            var result = deployments.Apply(change, force);
            return new AppWriteResult(result.Status == ChangeStatus.Deployed ? AppWriteStatus.Updated : AppWriteStatus.Refused, result);
        }
    }

    public AppWriteResult Delete(string id, bool force) => Change(id, force, c => c.Apps[id] = null);

    public AppWriteResult Restart(string id, bool force) => Change(id, force, c => c.Restarts.Add(id));

    private AppWriteResult Change(string id, bool force, Action<StateChange> configure)
    {
        lock (state.Sync)
        {
            if (!state.Apps.ContainsKey(id))
            {
                return new AppWriteResult(AppWriteStatus.NotFound);
            }

            var change = new StateChange();
            configure(change);
            var result = deployments.Apply(change, force);
            return new AppWriteResult(result.Status == ChangeStatus.Deployed ? AppWriteStatus.Updated : AppWriteStatus.Refused, result);
        }
    }

    private bool IsGroup(string id) =>
        state.Groups.ContainsKey(id) || state.Apps.Keys.Any(a => a.StartsWith(id + "/", StringComparison.Ordinal));

    private static JsonObject Merge(JsonObject current, JsonObject update)
    {
        var merged = (JsonObject)current.DeepClone();
        AppNormalizer.StripResponseFields(merged);
        if (update.ContainsKey("ports"))
        {
            merged.Remove("portDefinitions");
        }

        if (update.ContainsKey("uris"))
        {
            merged.Remove("fetch");
        }

        if (update.ContainsKey("cmd"))
        {
            merged.Remove("args");
        }
        else if (update.ContainsKey("args"))
        {
            merged.Remove("cmd");
        }

        foreach (var (key, value) in update)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }
}
