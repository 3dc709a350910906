using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Universe.Runtime.Apps;
using Universe.Runtime.Events;
using Universe.Runtime.Scheduling;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Scheduling;

public sealed class TaskStatusHandlerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RuntimeState _state = new();
    private readonly RuntimeStore _store;
    private readonly TaskStatusHandler _handler;

    public TaskStatusHandlerTests()
    {
        _store = new RuntimeStore(Options.Create(new RuntimeOptions { DataDirectory = _directory }));
        _handler = new TaskStatusHandler(_state, _store, new EventBus(_time), new ReconcileSignal(), _time);
        var app = AppDefinition.FromNormalized(new JsonObject
        {
            ["id"] = "/crash", ["cmd"] = "exit 1", ["backoffSeconds"] = 1, ["backoffFactor"] = 2, ["maxLaunchDelaySeconds"] = 3,
            ["version"] = "v1", ["versionInfo"] = new JsonObject { ["lastConfigChangeAt"] = "v1", ["lastScalingAt"] = "v1" },
        });
        _state.Apps[app.Id] = app;
    }

    [Fact]
    public void Apply_RepeatedFailures_DelayGrowsByFactorUpToMaximum()
    {
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            var id = $"t{i}";
            _state.Tasks[id] = Task(id);
            _handler.Apply(new TaskStatusUpdate(id, TaskState.Failed, "exit 1", null, _time.GetUtcNow(), ExitCode: 1));
            delays.Add(_state.Delays["/crash"].NotBefore - _time.GetUtcNow());
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], delays);
        Assert.Empty(_state.Tasks);
        Assert.Equal("t3", _state.LastFailures["/crash"].TaskId);
    }

    [Fact]
    public void Apply_KilledByScheduler_NoFailureAndNoDelay()
    {
        _state.Tasks["k"] = Task("k") with { KillRequested = true, State = TaskState.Killing };

        _handler.Apply(new TaskStatusUpdate("k", TaskState.Killed, "Task killed", null, _time.GetUtcNow()));

        Assert.Empty(_state.Tasks);
        Assert.Empty(_state.Delays);
        Assert.Empty(_state.LastFailures);
    }

    [Fact]
    public void Apply_Running_SetsStartedAtAndHealth()
    {
        _state.Tasks["r"] = Task("r") with { State = TaskState.Staging };

        _handler.Apply(new TaskStatusUpdate("r", TaskState.Running, null, true, _time.GetUtcNow()));

        Assert.Equal(TaskState.Running, _state.Tasks["r"].State);
        Assert.Equal(_time.GetUtcNow(), _state.Tasks["r"].StartedAt);
        Assert.True(_state.Tasks["r"].Healthy);
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private TaskRecord Task(string id) => new()
    {
        Id = id,
        AppId = "/crash",
        AgentId = "local",
        Host = "127.0.0.1",
        Role = "*",
        State = TaskState.Running,
        StagedAt = _time.GetUtcNow(),
        Version = "v1",
        ConfigVersion = "v1",
    };
}
