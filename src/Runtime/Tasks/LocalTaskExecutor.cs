using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.Versioning;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Universe.Runtime.Tasks;

/// <summary>
/// <see cref="ITaskExecutor"/> on the local host: each task is a process in its own session/process group, in its own
/// sandbox directory, optionally in its own cgroup, health-checked, killable with a grace period and re-adoptable after a
/// Runtime restart. Register with <see cref="TaskExecutorServiceCollectionExtensions.AddTaskExecutor"/>.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class LocalTaskExecutor : ITaskExecutor, IAsyncDisposable
{
    private const string DockerUnsupported = "Docker containers are not supported by the bundled runtime: no container runtime";
    private readonly ConcurrentDictionary<string, RunningTask> _tasks = new(StringComparer.Ordinal);
    private readonly Channel<TaskStatusUpdate> _updates = Channel.CreateUnbounded<TaskStatusUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskExecutorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalTaskExecutor> _logger;
    private readonly CgroupIsolation _cgroups;
    private readonly HttpClient _fetchClient;
    private readonly HttpClient _healthClient;
    private readonly TaskFetcher _fetcher;
    private readonly HealthProbe _probe;
    private readonly string _sandboxRoot;

    public LocalTaskExecutor(IOptions<TaskExecutorOptions> options, TimeProvider time, ILogger<LocalTaskExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _sandboxRoot = _options.EffectiveSandboxRoot;
        Directory.CreateDirectory(_sandboxRoot);
        _cgroups = string.Equals(_options.Cgroups, "none", StringComparison.OrdinalIgnoreCase)
            ? CgroupIsolation.None("disabled by configuration (Runtime:Tasks:Cgroups = none)")
            : CgroupIsolation.Detect(_options.CgroupName);
        var isolation = _cgroups.Info;
        LogIsolation(isolation.Mode, isolation.CpuLimits, isolation.MemoryLimits, isolation.Reason);
        _fetchClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 5 })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _healthClient = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.Zero,
#pragma warning disable CA5359 // Marathon's HTTPS health checks do not validate the task's certificate either.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _fetcher = new TaskFetcher(_fetchClient, _options, time, logger);
        _probe = new HealthProbe(_healthClient);
    }

    public IsolationInfo Isolation => _cgroups.Info;

    public ChannelReader<TaskStatusUpdate> Updates => _updates.Reader;

    public string? GetSandboxPath(string taskId) =>
        TaskIds.IsValid(taskId) && Path.Join(_sandboxRoot, taskId) is var path && Directory.Exists(path) ? path : null;

    public async Task<TaskProcessInfo?> LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rejection = Validate(request);
        if (rejection is not null)
        {
            LogLaunchRejected(request.TaskId, rejection);
            Publish(request.TaskId, TaskState.Failed, rejection);
            return null;
        }

        var sandbox = Path.Join(_sandboxRoot, request.TaskId);
        var task = new RunningTask(request, sandbox);
        if (!_tasks.TryAdd(request.TaskId, task))
        {
            task.Dispose();
            Publish(request.TaskId, TaskState.Error, "Task " + request.TaskId + " is already running");
            return null;
        }

        using var launch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, task.Stopping.Token);
        try
        {
            Directory.CreateDirectory(sandbox);
            Publish(request.TaskId, TaskState.Starting, null);
            await _fetcher.FetchAllAsync(request.Fetch, sandbox, launch.Token);
            launch.Token.ThrowIfCancellationRequested();
            task.Cgroup = _cgroups.Create(request.TaskId, request.Cpus, request.MemMb);
            var environment = MarathonTaskEnvironment.Build(request, sandbox, Environment.GetEnvironmentVariable("PATH"));
            task.Process = TaskProcessStarter.Start(request, sandbox, environment, task.Cgroup);
            task.Pid = task.Process.Id;
            task.StartTime = ProcStat.Read(task.Pid)?.StartTime ?? 0;
            LogStarted(request.TaskId, task.Pid, sandbox);
            Publish(request.TaskId, TaskState.Running, null);
            _ = WatchChildAsync(task);
            StartHealthChecks(task, environment);
            if (task.KillRequested)
            {
                SignalGroup(task, ProcessSignals.SigKill);
            }

            return new TaskProcessInfo(task.Pid, task.StartTime, sandbox);
        }
        catch (Exception e) when (e is FetchException or IOException or UnauthorizedAccessException or InvalidOperationException
            or Win32Exception or OperationCanceledException)
        {
            var killed = task.KillRequested;
            var message = e switch
            {
                _ when killed => "Task killed before it started",
                OperationCanceledException => "Launch cancelled",
                FetchException => e.Message,
                _ => "Failed to start the task: " + e.Message,
            };
            LogLaunchFailed(request.TaskId, message);
            CleanUpFailedLaunch(task);
            Publish(request.TaskId, killed ? TaskState.Killed : TaskState.Failed, message);
            return null;
        }
    }

    public async Task KillAsync(string taskId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            return;
        }

        if (task.RequestKill())
        {
            LogKilling(taskId, gracePeriod);
            await task.HealthChecks.CancelAsync();
            Publish(taskId, TaskState.Killing, null);
        }

        if (task.Pid == 0)
        {
            await task.Stopping.CancelAsync();
            await task.Exited.Task.WaitAsync(cancellationToken);
            return;
        }

        SignalGroup(task, ProcessSignals.SigTerm);
        if (gracePeriod > TimeSpan.Zero)
        {
            try
            {
                await task.Exited.Task.WaitAsync(gracePeriod, _time, cancellationToken);
                return;
            }
            catch (TimeoutException)
            {
                LogGraceExpired(taskId);
            }
        }

        SignalGroup(task, ProcessSignals.SigKill);
        task.Cgroup?.KillAll();
        await task.Exited.Task.WaitAsync(cancellationToken);
    }

    public bool TryAdopt(TaskRecoveryInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var request = info.Request;
        if (!TaskIds.IsValid(request.TaskId) || _tasks.ContainsKey(request.TaskId))
        {
            return false;
        }

        var stat = ProcStat.Read(info.Pid);
        if (stat is null || !stat.IsAlive || stat.StartTime != info.StartTime)
        {
            LogAdoptFailed(request.TaskId, info.Pid);
            return false;
        }

        var sandbox = Directory.Exists(info.SandboxPath) ? info.SandboxPath : Path.Join(_sandboxRoot, request.TaskId);
        var task = new RunningTask(request, sandbox) { Pid = info.Pid, StartTime = info.StartTime, Cgroup = _cgroups.Open(request.TaskId) };
        if (!_tasks.TryAdd(request.TaskId, task))
        {
            task.Dispose();
            return false;
        }

        LogAdopted(request.TaskId, info.Pid);
        _ = WatchAdoptedAsync(task);
        StartHealthChecks(task, MarathonTaskEnvironment.Build(request, sandbox, Environment.GetEnvironmentVariable("PATH")));
        return true;
    }

    /// <summary>Stops watching and health-checking. Running tasks are left running (they can be re-adopted).</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        foreach (var task in _tasks.Values)
        {
            await task.HealthChecks.CancelAsync();
            await task.Stopping.CancelAsync();
        }

        _fetchClient.Dispose();
        _healthClient.Dispose();
        _shutdown.Dispose();
    }

    private static string? Validate(TaskLaunchRequest request)
    {
        if (!TaskIds.IsValid(request.TaskId))
        {
            return "Invalid task id (allowed: letters, digits, '.', '_', '-'; starting with a letter or digit; at most 200 characters)";
        }

        if (string.Equals(request.ContainerType, "DOCKER", StringComparison.OrdinalIgnoreCase))
        {
            return DockerUnsupported;
        }

        return string.IsNullOrEmpty(request.Cmd) && request.Args is not { Count: > 0 } ? "The task has neither cmd nor args" : null;
    }

    private void StartHealthChecks(RunningTask task, IReadOnlyDictionary<string, string> environment)
    {
        if (task.Request.HealthChecks.Count == 0)
        {
            return;
        }

        var monitor = new TaskHealthMonitor(task.Request, task.SandboxPath, environment, _probe, _time, update => _updates.Writer.TryWrite(update));
        _ = monitor.RunAsync(_time.GetUtcNow(), task.HealthChecks.Token);
    }

    private async Task WatchChildAsync(RunningTask task)
    {
        await task.Process!.WaitForExitAsync(CancellationToken.None);
        Finish(task, task.Process.ExitCode);
    }

    private async Task WatchAdoptedAsync(RunningTask task)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.AdoptedPollMilliseconds), _time);
        try
        {
            while (task.IsSameProcessAlive() && await timer.WaitForNextTickAsync(task.Stopping.Token))
            {
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Finish(task, null);
    }

    private void Finish(RunningTask task, int? exitCode)
    {
        if (!_tasks.TryRemove(new KeyValuePair<string, RunningTask>(task.TaskId, task)))
        {
            return;
        }

        task.HealthChecks.Cancel();
        task.Stopping.Cancel();
        SignalGroup(task, ProcessSignals.SigKill, checkIdentity: false);
        var oom = task.Cgroup?.WasOomKilled() == true;
        var (state, message) = Outcome(task, exitCode, oom);
        LogExited(task.TaskId, state, message);
        Publish(task.TaskId, state, message, exitCode);
        if (task.Cgroup is { } cgroup)
        {
            _ = RemoveCgroupAsync(task.TaskId, cgroup);
        }

        task.Exited.TrySetResult();
        task.Dispose();
    }

    private static (TaskState State, string Message) Outcome(RunningTask task, int? exitCode, bool oom)
    {
        if (task.KillRequested)
        {
            return (TaskState.Killed, "Task killed");
        }

        if (oom)
        {
            return (TaskState.Failed, "Memory limit exceeded: the task used more than its "
                + task.Request.MemMb.ToString(CultureInfo.InvariantCulture) + " MB and was killed by the OOM killer");
        }

        return exitCode switch
        {
            null => (TaskState.Failed, "Task process exited after re-adoption (exit status unknown after re-adoption)"),
            0 => (TaskState.Finished, "Command exited with status 0"),
            > 128 and < 128 + 65 => (TaskState.Failed, "Command terminated with signal " + (exitCode - 128).Value.ToString(CultureInfo.InvariantCulture)
                + " (exit status " + exitCode.Value.ToString(CultureInfo.InvariantCulture) + ")"),
            _ => (TaskState.Failed, "Command exited with status " + exitCode.Value.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// Signals the task's process group. Right after the start, before <c>setsid</c> ran, the group does not exist yet:
    /// then the process itself is signalled. With <paramref name="checkIdentity"/>, a pid reused by another process is left alone.
    /// </summary>
    private static void SignalGroup(RunningTask task, int signal, bool checkIdentity = true)
    {
        if (task.Pid <= 1)
        {
            return;
        }

        if (!checkIdentity)
        {
            ProcessSignals.SignalGroup(task.Pid, signal);
        }
        else if (task.IsSameProcessAlive() && !ProcessSignals.SignalGroup(task.Pid, signal))
        {
            ProcessSignals.SignalProcess(task.Pid, signal);
        }
    }

    private async Task RemoveCgroupAsync(string taskId, TaskCgroup cgroup)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            cgroup.KillAll();
            if (cgroup.TryRemove())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _time);
        }

        LogCgroupLeft(taskId);
    }

    private void CleanUpFailedLaunch(RunningTask task)
    {
        _tasks.TryRemove(new KeyValuePair<string, RunningTask>(task.TaskId, task));
        if (task.Process is { HasExited: false })
        {
            SignalGroup(task, ProcessSignals.SigKill);
        }

        task.Cgroup?.KillAll();
        task.Cgroup?.TryRemove();
        task.Exited.TrySetResult();
        task.Dispose();
    }

    private void Publish(string taskId, TaskState state, string? message, int? exitCode = null) =>
        _updates.Writer.TryWrite(new TaskStatusUpdate(taskId, state, message, null, _time.GetUtcNow(), exitCode));
}
