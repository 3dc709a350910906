using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Universe.Runtime.Apps;
using Universe.Runtime.Events;
using Universe.Runtime.Groups;
using Universe.Runtime.Scheduling;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Deployments;

/// <summary>
/// The one way state changes: assigns service ports, versions the apps, plans the deployment, enforces deployment locks (<c>force</c>
/// cancels the conflicting deployments), persists everything and wakes the scheduler. Each app keeps its last
/// <c>Runtime:MaxAppVersions</c> versions (Marathon's <c>--max_versions</c>); older ones are deleted.
/// </summary>
internal sealed class DeploymentManager(
    RuntimeState state, RuntimeStore store, EventBus events, ReconcileSignal signal, TimeProvider time, IOptions<RuntimeOptions> options)
{
    private DateTimeOffset _lastVersion = DateTimeOffset.MinValue;

    public ChangeResult Apply(StateChange change, bool force, bool dryRun = false)
    {
        lock (state.Sync)
        {
            var assigning = change.Apps.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
            var range = options.Value.ServicePorts;
            if (assigning.Count > 0 && ServicePortAssignment.Assign(
                    state.Apps, state.Apps.Values.Where(a => !change.Apps.ContainsKey(a.Id)), assigning, range.Min, range.Max) is { } problem)
            {
                return ChangeResult.Invalid(problem);
            }

            var version = NextVersion();
            var after = new Dictionary<string, AppDefinition>(state.Apps, StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, json) in change.Apps)
            {
                if (json is null)
                {
                    if (after.Remove(id))
                    {
                        changed.Add(id);
                    }

                    continue;
                }

                var next = Versioned(state.Apps.GetValueOrDefault(id), json, version, change.Restarts.Contains(id));
                if (next is not null)
                {
                    after[id] = next;
                    changed.Add(id);
                }
            }

            foreach (var id in change.Restarts.Where(r => !change.Apps.ContainsKey(r) && state.Apps.ContainsKey(r)))
            {
                after[id] = Versioned(state.Apps[id], (JsonObject)state.Apps[id].Json.DeepClone(), version, restart: true)!;
                changed.Add(id);
            }

            var groups = new Dictionary<string, GroupDefinition>(state.Groups, StringComparer.Ordinal);
            foreach (var (id, group) in change.Groups)
            {
                if (group is null)
                {
                    groups.Remove(id);
                }
                else
                {
                    groups[id] = group with { Version = version };
                }
            }

            var steps = DeploymentPlanner.Plan(state.Apps, after, groups, changed);
            if (steps is null)
            {
                return ChangeResult.Cycle();
            }

            if (dryRun)
            {
                return new ChangeResult(ChangeStatus.Deployed, string.Empty, version, []) { Steps = steps };
            }

            var conflicts = state.Deployments.Values.Where(d => d.AffectedApps.Any(changed.Contains)).OrderBy(d => d.Sequence).ToList();
            if (conflicts.Count > 0 && !force)
            {
                return ChangeResult.Conflict([.. conflicts.Select(d => d.Id)]);
            }

            var deployment = new Deployment
            {
                Id = Guid.NewGuid().ToString(),
                Version = version,
                AffectedApps = [.. changed.Order(StringComparer.Ordinal)],
                Steps = steps,
                Original = changed.ToDictionary(id => id, id => state.Apps.GetValueOrDefault(id)?.Json, StringComparer.Ordinal),
                Sequence = state.DeploymentSequence + 1,
            };

            // Disk first, in one transaction (apps, groups, the deployment record and the deployments it replaces),
            // then memory: a crash in between loses nothing that was acknowledged and leaves no half-change.
            var pruned = PrunedVersions(after, changed);
            StoreBatch batch;
            try
            {
                batch = Batch(after, changed, pruned, change.Groups.Keys, groups, conflicts, steps.Count > 0 ? deployment : null);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
            {
                return ChangeResult.Unstorable("The definition cannot be stored: " + e.Message);
            }

            store.Commit(batch);
            foreach (var conflict in conflicts)
            {
                state.Deployments.Remove(conflict.Id);
            }

            state.DeploymentSequence = deployment.Sequence;
            Commit(after, changed, pruned, change.Groups.Keys, groups);
            events.Publish("group_change_success", new JsonObject { ["groupId"] = "/", ["version"] = version });
            if (steps.Count > 0)
            {
                state.Deployments[deployment.Id] = deployment;
                events.Publish("deployment_info", DeploymentJson.EventPlan(deployment));
            }
            else
            {
                events.Publish("deployment_success", new JsonObject { ["id"] = deployment.Id, ["plan"] = DeploymentJson.Plan(deployment) });
            }

            state.Touch();
            signal.Request();
            return new ChangeResult(ChangeStatus.Deployed, deployment.Id, version, []) { Steps = steps };
        }
    }

    /// <summary>Rolls a deployment back: a new deployment that restores every affected app's previous state.</summary>
    public ChangeResult? Rollback(string deploymentId)
    {
        lock (state.Sync)
        {
            if (!state.Deployments.TryGetValue(deploymentId, out var deployment))
            {
                return null;
            }

            var change = new StateChange();
            foreach (var (id, json) in deployment.Original)
            {
                change.Apps[id] = (JsonObject?)json?.DeepClone();
            }

            return Apply(change, force: true);
        }
    }

    /// <summary>Cancels a deployment without rollback (<c>DELETE /v2/deployments/{id}?force=true</c>).</summary>
    public bool Cancel(string deploymentId)
    {
        lock (state.Sync)
        {
            if (!state.Deployments.ContainsKey(deploymentId))
            {
                return false;
            }

            RemoveDeployment(deploymentId);
            state.Touch();
            signal.Request();
            return true;
        }
    }

    public void RemoveDeployment(string deploymentId)
    {
        store.DeleteDeployment(deploymentId);
        state.Deployments.Remove(deploymentId);
    }

    /// <summary>Per changed app, the oldest versions that the new one pushes beyond <c>Runtime:MaxAppVersions</c> (deleted in the same transaction).</summary>
    private Dictionary<string, List<string>> PrunedVersions(Dictionary<string, AppDefinition> after, HashSet<string> changed)
    {
        var pruned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var max = options.Value.MaxAppVersions;
        foreach (var id in changed)
        {
            if (after.ContainsKey(id) && state.AppVersions.TryGetValue(id, out var versions) && versions.Count + 1 > max)
            {
                pruned[id] = versions.GetRange(0, versions.Count + 1 - max);
            }
        }

        return pruned;
    }

    private static StoreBatch Batch(
        Dictionary<string, AppDefinition> after,
        HashSet<string> changed,
        Dictionary<string, List<string>> pruned,
        IEnumerable<string> groupIds,
        Dictionary<string, GroupDefinition> groups,
        IEnumerable<Deployment> replaced,
        Deployment? deployment)
    {
        var batch = new StoreBatch();
        foreach (var conflict in replaced)
        {
            batch.DeleteDeployment(conflict.Id);
        }

        foreach (var id in changed)
        {
            if (after.TryGetValue(id, out var app))
            {
                batch.SaveApp(app, newVersion: true);
                foreach (var version in pruned.GetValueOrDefault(id) ?? [])
                {
                    batch.DeleteAppVersion(id, version);
                }
            }
            else
            {
                batch.DeleteApp(id);
            }
        }

        foreach (var id in groupIds)
        {
            if (groups.TryGetValue(id, out var group))
            {
                batch.SaveGroup(group);
            }
            else
            {
                batch.DeleteGroup(id);
            }
        }

        return deployment is null ? batch : batch.SaveDeployment(deployment);
    }

    private void Commit(
        Dictionary<string, AppDefinition> after, HashSet<string> changed, Dictionary<string, List<string>> pruned, IEnumerable<string> groupIds, Dictionary<string, GroupDefinition> groups)
    {
        foreach (var id in changed)
        {
            if (after.TryGetValue(id, out var app))
            {
                var configChanged = !state.Apps.TryGetValue(id, out var old) || old.LastConfigChangeAt != app.LastConfigChangeAt;
                state.Apps[id] = app;
                if (!state.AppVersions.TryGetValue(id, out var versions))
                {
                    versions = [];
                    state.AppVersions[id] = versions;
                }

                versions.RemoveRange(0, pruned.GetValueOrDefault(id)?.Count ?? 0);
                versions.Add(app.Version);

                if (configChanged)
                {
                    state.Delays.Remove(id);
                }
            }
            else
            {
                state.Apps.Remove(id);
                state.AppVersions.Remove(id);
                state.Delays.Remove(id);
                state.LastFailures.Remove(id);
                events.Publish("app_terminated_event", new JsonObject { ["appId"] = id });
            }
        }

        foreach (var id in groupIds)
        {
            if (groups.TryGetValue(id, out var group))
            {
                state.Groups[id] = group;
            }
            else
            {
                state.Groups.Remove(id);
            }
        }
    }

    private static AppDefinition? Versioned(AppDefinition? old, JsonObject json, string version, bool restart)
    {
        string lastConfigChangeAt;
        string lastScalingAt;
        if (old is null)
        {
            lastConfigChangeAt = lastScalingAt = version;
        }
        else if (restart || DeploymentPlanner.IsConfigChange(old.Json, json))
        {
            lastConfigChangeAt = lastScalingAt = version;
        }
        else if (old.Instances != (json["instances"].TryGetDouble(out var instances) ? (int)instances : 1))
        {
            lastConfigChangeAt = old.LastConfigChangeAt;
            lastScalingAt = version;
        }
        else
        {
            return null;
        }

        json["version"] = version;
        json["versionInfo"] = new JsonObject { ["lastScalingAt"] = lastScalingAt, ["lastConfigChangeAt"] = lastConfigChangeAt };
        return AppDefinition.FromNormalized(json);
    }

    private string NextVersion()
    {
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        if (now <= _lastVersion)
        {
            now = _lastVersion.AddMilliseconds(1);
        }

        _lastVersion = now;
        return RuntimeClock.Format(now);
    }
}
