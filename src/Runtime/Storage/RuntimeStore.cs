using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;
using Universe.Runtime.Groups;
using Universe.Runtime.Scheduling;

namespace Universe.Runtime.Storage;

/// <summary>
/// SQLite (WAL) persistence of apps, app versions, groups, deployments and task records in
/// <c>Runtime:DataDirectory/runtime.db</c>. Callers hold <see cref="RuntimeState.Sync"/>, so one connection suffices.
/// </summary>
internal sealed class RuntimeStore : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;

    public RuntimeStore(IOptions<RuntimeOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "runtime.db") }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS apps (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS app_versions (id TEXT NOT NULL, version TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (id, version));
            CREATE TABLE IF NOT EXISTS groups (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS deployments (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, json TEXT NOT NULL);
            """);
    }

    /// <summary>Fills <paramref name="state"/> from the database (at start-up).</summary>
    public void Load(RuntimeState state)
    {
        foreach (var (_, json) in Rows("SELECT id, json FROM apps"))
        {
            var app = AppDefinition.FromNormalized(JsonNode.Parse(json)!.AsObject());
            state.Apps[app.Id] = app;
        }

        foreach (var (id, version) in Rows("SELECT id, version FROM app_versions ORDER BY id, version"))
        {
            if (!state.AppVersions.TryGetValue(id, out var list))
            {
                list = [];
                state.AppVersions[id] = list;
            }

            list.Add(version);
        }

        foreach (var (_, json) in Rows("SELECT id, json FROM groups"))
        {
            var group = JsonSerializer.Deserialize<GroupDefinition>(json, Json)!;
            state.Groups[group.Id] = group;
        }

        foreach (var (_, json) in Rows("SELECT id, json FROM deployments"))
        {
            var deployment = JsonSerializer.Deserialize<StoredDeployment>(json, Json)!.ToDeployment();
            state.Deployments[deployment.Id] = deployment;
            state.DeploymentSequence = Math.Max(state.DeploymentSequence, deployment.Sequence);
        }

        foreach (var (_, json) in Rows("SELECT id, json FROM tasks"))
        {
            var task = JsonSerializer.Deserialize<TaskRecord>(json, Json)!;
            state.Tasks[task.Id] = task;
        }
    }

    public void SaveApp(AppDefinition app, bool newVersion)
    {
        var json = app.Json.ToJsonString(RuntimeJson.Options);
        Execute("INSERT OR REPLACE INTO apps (id, json) VALUES ($a, $b)", app.Id, json);
        if (newVersion)
        {
            Execute("INSERT OR REPLACE INTO app_versions (id, version, json) VALUES ($a, $b, $c)", app.Id, app.Version, json);
        }
    }

    public void DeleteApp(string id)
    {
        Execute("DELETE FROM apps WHERE id = $a", id);
        Execute("DELETE FROM app_versions WHERE id = $a", id);
    }

    public void DeleteAppVersion(string id, string version) =>
        Execute("DELETE FROM app_versions WHERE id = $a AND version = $b", id, version);

    public JsonObject? LoadAppVersion(string id, string version)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT json FROM app_versions WHERE id = $a AND version = $b";
        command.Parameters.AddWithValue("$a", id);
        command.Parameters.AddWithValue("$b", version);
        return command.ExecuteScalar() is string json ? JsonNode.Parse(json)!.AsObject() : null;
    }

    public void SaveGroup(GroupDefinition group) =>
        Execute("INSERT OR REPLACE INTO groups (id, json) VALUES ($a, $b)", group.Id, JsonSerializer.Serialize(group, Json));

    public void DeleteGroup(string id) => Execute("DELETE FROM groups WHERE id = $a", id);

    public void SaveDeployment(Deployment deployment) =>
        Execute("INSERT OR REPLACE INTO deployments (id, json) VALUES ($a, $b)", deployment.Id, JsonSerializer.Serialize(StoredDeployment.From(deployment), Json));

    public void DeleteDeployment(string id) => Execute("DELETE FROM deployments WHERE id = $a", id);

    public void SaveTask(TaskRecord task) =>
        Execute("INSERT OR REPLACE INTO tasks (id, json) VALUES ($a, $b)", task.Id, JsonSerializer.Serialize(task, Json));

    public void DeleteTask(string id) => Execute("DELETE FROM tasks WHERE id = $a", id);

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, params string[] args)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), args[i]);
        }

        command.ExecuteNonQuery();
    }

    private List<(string Id, string Value)> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
