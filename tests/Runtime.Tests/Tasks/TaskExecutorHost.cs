using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

/// <summary>A real <see cref="LocalTaskExecutor"/> over a temp data directory; <see cref="StopAsync"/> kills what it launched and deletes the directory.</summary>
[SupportedOSPlatform("linux")]
internal sealed class TaskExecutorHost
{
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);
    private readonly List<string> _launched = [];
    private readonly List<LocalTaskExecutor> _executors = [];

    public TaskExecutorHost(string cgroups = "none")
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "rtexec-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Options = new TaskExecutorOptions { DataDirectory = DataDirectory, Cgroups = cgroups, CgroupName = CgroupFactAttribute.CgroupName, AdoptedPollMilliseconds = 50 };
        Executor = CreateExecutor();
    }

    public string DataDirectory { get; }

    public TaskExecutorOptions Options { get; }

    public LocalTaskExecutor Executor { get; }

    public LocalTaskExecutor CreateExecutor()
    {
        var executor = LocalTaskExecutor.Create(Options, TimeProvider.System, NullLogger<LocalTaskExecutor>.Instance);
        _executors.Add(executor);
        return executor;
    }

    public static string NewTaskId(string app = "app") => app + "." + Guid.NewGuid().ToString("N");

    public static TaskLaunchRequest Request(
        string? cmd = null,
        IReadOnlyList<string>? args = null,
        string? taskId = null,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<FetchUri>? fetch = null,
        IReadOnlyList<int>? ports = null,
        IReadOnlyList<HealthCheckSpec>? healthChecks = null,
        IReadOnlyDictionary<string, string>? labels = null,
        double memMb = 256,
        string? containerType = null) =>
        new(
            taskId ?? NewTaskId(),
            "/test/app",
            "2026-01-01T00:00:00.000Z",
            cmd,
            args,
            env ?? new Dictionary<string, string>(),
            fetch ?? [],
            1,
            memMb,
            0,
            ports ?? [],
            [],
            labels ?? new Dictionary<string, string>(),
            healthChecks ?? [],
            TimeSpan.FromSeconds(1),
            containerType,
            "127.0.0.1");

    public async Task<TaskProcessInfo> LaunchAsync(TaskLaunchRequest request, LocalTaskExecutor? executor = null)
    {
        _launched.Add(request.TaskId);
        var info = await (executor ?? Executor).LaunchAsync(request, CancellationToken.None);
        Assert.True(info is not null, "launch of " + request.TaskId + " returned null");
        return info;
    }

    /// <summary>Reads updates until one of <paramref name="taskId"/> matches; fails naming the phase on timeout.</summary>
    public static async Task<TaskStatusUpdate> WaitForAsync(
        LocalTaskExecutor executor, string taskId, Func<TaskStatusUpdate, bool> match, string phase, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? WaitTimeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var update = await executor.Updates.ReadAsync(cts.Token);
                if (update.TaskId != taskId)
                {
                    continue;
                }

                seen.Add(update.State + (update.Healthy is { } h ? "/healthy=" + h : string.Empty) + ": " + update.Message);
                if (match(update))
                {
                    return update;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("Timed out in phase '" + phase + "' for task " + taskId + "; updates seen: " + string.Join(" | ", seen));
            throw;
        }
    }

    public Task<TaskStatusUpdate> WaitForStateAsync(string taskId, TaskState state, string phase) =>
        WaitForAsync(Executor, taskId, u => u.State == state, phase);

    /// <summary>Polls <paramref name="condition"/> (a file appearing, a process dying) until true or timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string phase)
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out in phase '" + phase + "'");
            await Task.Delay(20);
        }
    }

    public static bool ProcessExists(int pid) => ProcStat.Read(pid) is { IsAlive: true };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StopAsync()
    {
        foreach (var executor in _executors)
        {
            foreach (var taskId in _launched)
            {
                using var cts = new CancellationTokenSource(WaitTimeout);
                await executor.KillAsync(taskId, TimeSpan.Zero, cts.Token);
            }

            await executor.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
