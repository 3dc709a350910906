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
/// Multi-row changes go through <see cref="Commit"/> (one transaction), and callers commit before they change memory, so
/// the state on disk is never behind the state in memory (WAL with <c>synchronous=NORMAL</c>: a commit survives a process
/// crash; a power loss may lose the last commits, never half of one).
/// </summary>
internal sealed class RuntimeStore : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;
    private readonly int _killAfterWrites;

    public RuntimeStore(IOptions<RuntimeOptions> options)
    {
        _killAfterWrites = options.Value.FaultInjection.KillDuringCommitAfterWrites;
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

    /// <summary>
    /// Applies <paramref name="batch"/> in one transaction: after a crash the database holds all of it or none of it.
    /// Callers write here first and change the in-memory state only after this returned.
    /// </summary>
    public void Commit(StoreBatch batch)
    {
        if (batch.Writes.Count == 0)
        {
            return;
        }

        using var transaction = _connection.BeginTransaction();
        var written = 0;
        foreach (var (sql, args) in batch.Writes)
        {
            Execute(transaction, sql, args);
            if (++written == _killAfterWrites && batch.Writes.Count > written)
            {
                KillSelf();
            }
        }

        transaction.Commit();
    }

    public void SaveApp(AppDefinition app, bool newVersion) => Commit(new StoreBatch().SaveApp(app, newVersion));

    public void DeleteApp(string id) => Commit(new StoreBatch().DeleteApp(id));

    public JsonObject? LoadAppVersion(string id, string version)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT json FROM app_versions WHERE id = $a AND version = $b";
        command.Parameters.AddWithValue("$a", id);
        command.Parameters.AddWithValue("$b", version);
        return command.ExecuteScalar() is string json ? JsonNode.Parse(json)!.AsObject() : null;
    }

    public void SaveDeployment(Deployment deployment) => Commit(new StoreBatch().SaveDeployment(deployment));

    public void DeleteDeployment(string id) => Commit(new StoreBatch().DeleteDeployment(id));

    public void SaveTask(TaskRecord task) =>
        Execute("INSERT OR REPLACE INTO tasks (id, json) VALUES ($a, $b)", task.Id, JsonSerializer.Serialize(task, Json));

    public void DeleteTask(string id) => Execute("DELETE FROM tasks WHERE id = $a", id);

    public void Dispose() => _connection.Dispose();

    /// <summary>The fault-injection hook of the crash tests: SIGKILL this process in the middle of a transaction.</summary>
    private static void KillSelf()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private void Execute(string sql, params string[] args) => Execute(null, sql, args);

    private void Execute(SqliteTransaction? transaction, string sql, string[] args)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
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
