using System.Text.Json;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;
using Universe.Runtime.Groups;

namespace Universe.Runtime.Storage;

/// <summary>
/// Writes that <see cref="RuntimeStore.Commit"/> applies in one SQLite transaction: all of them or none. Values are
/// serialised when they are added, so a value that cannot be serialised fails here, before anything is written or
/// changed in memory.
/// </summary>
internal sealed class StoreBatch
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<(string Sql, string[] Args)> _writes = [];

    public IReadOnlyList<(string Sql, string[] Args)> Writes => _writes;

    public StoreBatch SaveApp(AppDefinition app, bool newVersion)
    {
        var json = app.Json.ToJsonString(RuntimeJson.Options);
        _writes.Add(("INSERT OR REPLACE INTO apps (id, json) VALUES ($a, $b)", [app.Id, json]));
        if (newVersion)
        {
            _writes.Add(("INSERT OR REPLACE INTO app_versions (id, version, json) VALUES ($a, $b, $c)", [app.Id, app.Version, json]));
        }

        return this;
    }

    public StoreBatch DeleteApp(string id)
    {
        _writes.Add(("DELETE FROM apps WHERE id = $a", [id]));
        _writes.Add(("DELETE FROM app_versions WHERE id = $a", [id]));
        return this;
    }

    public StoreBatch DeleteAppVersion(string id, string version)
    {
        _writes.Add(("DELETE FROM app_versions WHERE id = $a AND version = $b", [id, version]));
        return this;
    }

    public StoreBatch SaveGroup(GroupDefinition group)
    {
        _writes.Add(("INSERT OR REPLACE INTO groups (id, json) VALUES ($a, $b)", [group.Id, JsonSerializer.Serialize(group, Json)]));
        return this;
    }

    public StoreBatch DeleteGroup(string id)
    {
        _writes.Add(("DELETE FROM groups WHERE id = $a", [id]));
        return this;
    }

    public StoreBatch SaveDeployment(Deployment deployment)
    {
        _writes.Add(("INSERT OR REPLACE INTO deployments (id, json) VALUES ($a, $b)", [deployment.Id, JsonSerializer.Serialize(StoredDeployment.From(deployment), Json)]));
        return this;
    }

    public StoreBatch DeleteDeployment(string id)
    {
        _writes.Add(("DELETE FROM deployments WHERE id = $a", [id]));
        return this;
    }
}
