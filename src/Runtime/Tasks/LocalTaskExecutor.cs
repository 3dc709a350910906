using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.Versioning;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Universe.Runtime.Containers;

namespace Universe.Runtime.Tasks;

/// <summary>
/// <see cref="ITaskExecutor"/> on the local host: each task is a process in its own session/process group, in its own
/// sandbox directory, optionally in its own cgroup, health-checked, killable with a grace period and re-adoptable after a
/// Runtime restart. This class keeps the table of tasks and drives their launch and kill; the jobs around it are
/// <see cref="TaskLaunchValidator"/>, <see cref="TaskFetcher"/>, <see cref="TaskProcessStarter"/>,
/// <see cref="TaskExitWatcher"/>, <see cref="TaskHealthMonitor"/> and <see cref="TaskStatusPublisher"/>.
/// Register with <see cref="TaskExecutorServiceCollectionExtensions.AddTaskExecutor"/>.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LocalTaskExecutor : ITaskExecutor, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningTask> _tasks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly ILogger<LocalTaskExecutor> _logger;
    private readonly CgroupIsolation _cgroups;
    private readonly HttpClient _fetchClient = ExecutorHttpClients.CreateFetchClient();
    private readonly HttpClient _healthClient = ExecutorHttpClients.CreateHealthClient();
    private readonly TaskStatusPublisher _publisher;
    private readonly TaskExitWatcher _watcher;
    private readonly TaskFetcher _fetcher;
    private readonly HealthProbe _probe;
    private readonly string _sandboxRoot;
    private readonly ContainerTaskRunner _containers;
    private readonly Task _garbageCollection;

    /// <summary>Container watchers: one that saw its container exit cleans up under the store, so stopping awaits them.</summary>
    private readonly InFlightWork _containerWatchers = new();
    private int _stopped;

    public LocalTaskExecutor(IOptions<TaskExecutorOptions> options, IOptions<ContainerOptions> containerOptions, IImageSource images,
        TimeProvider time, ILogger<LocalTaskExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(containerOptions);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _time = time;
        _logger = logger;
        _sandboxRoot = settings.EffectiveSandboxRoot;
        Directory.CreateDirectory(_sandboxRoot);
        _cgroups = string.Equals(settings.Cgroups, "none", StringComparison.OrdinalIgnoreCase)
            ? CgroupIsolation.None("disabled by configuration (Runtime:Tasks:Cgroups = none)")
            : CgroupIsolation.Detect(settings.CgroupName);
        var isolation = _cgroups.Info;
        LogIsolation(isolation.Mode, isolation.CpuLimits, isolation.MemoryLimits, isolation.Reason);
        _publisher = new TaskStatusPublisher(time);
        _watcher = new TaskExitWatcher(_tasks, _publisher, settings, time, logger);
        _fetcher = new TaskFetcher(_fetchClient, settings, time, logger);
        _containers = ContainerTaskRunnerFactory.Create(containerOptions.Value, settings, images, _tasks, _publisher, logger);
        _probe = new HealthProbe(_healthClient, _containers.ExecAsync);
        _garbageCollection = CollectGarbageAsync(TimeSpan.FromMinutes(containerOptions.Value.GarbageCollectionMinutes));
    }

    /// <summary>An executor with default container settings and no registry configuration (tests and benchmarks).</summary>
    public static LocalTaskExecutor Create(TaskExecutorOptions options, TimeProvider time, ILogger<LocalTaskExecutor> logger)
    {
        var taskOptions = Options.Create(options);
        var containerOptions = Options.Create(new ContainerOptions());
        var images = new RegistryImageSource(containerOptions, taskOptions, new ConfigurationBuilder().Build());
        return new LocalTaskExecutor(taskOptions, containerOptions, images, time, logger);
    }

    public IsolationInfo Isolation => _cgroups.Info;

    public ChannelReader<TaskStatusUpdate> Updates => _publisher.Reader;

    public IReadOnlyCollection<ImagePullStatus> ImagePulls => _containers.Pulls;

    public Task<ContainerSupport> GetContainerSupportAsync() => _containers.GetSupportAsync();

    public string? GetSandboxPath(string taskId) =>
        TaskIds.IsValid(taskId) && Path.Join(_sandboxRoot, taskId) is var path && Directory.Exists(path) ? path : null;

    public async Task<TaskProcessInfo?> LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rejection = TaskLaunchValidator.Validate(request);
        if (rejection is not null)
        {
            LogLaunchRejected(request.TaskId, rejection);
            _publisher.Publish(request.TaskId, TaskState.Failed, rejection);
            return null;
        }

        var sandbox = Path.Join(_sandboxRoot, request.TaskId);
        var task = new RunningTask(request, sandbox);
        if (!_tasks.TryAdd(request.TaskId, task))
        {
            task.Dispose();
            _publisher.Publish(request.TaskId, TaskState.Error, "Task " + request.TaskId + " is already running");
            return null;
        }

        using var launch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, task.Stopping.Token);
        try
        {
            Directory.CreateDirectory(sandbox);
            _publisher.Publish(request.TaskId, TaskState.Starting, null);
            await _fetcher.FetchAllAsync(request.Fetch, sandbox, launch.Token);
            launch.Token.ThrowIfCancellationRequested();
            if (request.Container is not null)
            {
                return await LaunchContainerAsync(task, launch.Token);
            }

            task.Cgroup = _cgroups.Create(request.TaskId, request.Cpus, request.MemMb);
            var environment = MarathonTaskEnvironment.Build(request, sandbox, Environment.GetEnvironmentVariable("PATH"));
            task.Process = TaskProcessStarter.Start(request, sandbox, environment, task.Cgroup);
            task.Pid = task.Process.Id;
            task.StartTime = ProcStat.Read(task.Pid)?.StartTime ?? 0;
            LogStarted(request.TaskId, task.Pid, sandbox);
            _publisher.Publish(request.TaskId, TaskState.Running, null);
            _ = _watcher.WatchChildAsync(task);
            StartHealthChecks(task, environment);
            if (task.KillRequested)
            {
                task.Signal(ProcessSignals.SigKill);
            }

            return new TaskProcessInfo(task.Pid, task.StartTime, sandbox);
        }
        catch (Exception e) when (e is FetchException or ContainerException or IOException or UnauthorizedAccessException or InvalidOperationException
            or Win32Exception or OperationCanceledException)
        {
            var killed = task.KillRequested;
            var message = e switch
            {
                _ when killed => "Task killed before it started",
                OperationCanceledException => "Launch cancelled",
                FetchException or ContainerException => e.Message,
                _ => "Failed to start the task: " + e.Message,
            };
            LogLaunchFailed(request.TaskId, message);
            _watcher.CleanUpFailedLaunch(task);
            _publisher.Publish(request.TaskId, killed ? TaskState.Killed : TaskState.Failed, message);
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
            _publisher.Publish(taskId, TaskState.Killing, null);
        }

        if (task.Pid == 0)
        {
            await task.Stopping.CancelAsync();
            await task.Exited.Task.WaitAsync(cancellationToken);
            return;
        }

        if (task.Container is not null)
        {
            await _containers.KillAsync(task, gracePeriod, cancellationToken);
            return;
        }

        task.Signal(ProcessSignals.SigTerm);
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

        task.Signal(ProcessSignals.SigKill);
        task.Cgroup?.KillAll();
        await task.Exited.Task.WaitAsync(cancellationToken);
    }

    public Task PrepareRecoveryAsync(CancellationToken cancellationToken) => _containers.PrepareRecoveryAsync(cancellationToken);

    /// <summary><see cref="TryAdopt(TaskRecoveryInfo, out string)"/> without the reason.</summary>
    public bool TryAdopt(TaskRecoveryInfo info) => TryAdopt(info, out _);

    public bool TryAdopt(TaskRecoveryInfo info, out string goneReason)
    {
        ArgumentNullException.ThrowIfNull(info);
        var request = info.Request;
        if (!TaskIds.IsValid(request.TaskId) || _tasks.ContainsKey(request.TaskId))
        {
            goneReason = AdoptedTwice(request.TaskId);
            return false;
        }

        if (request.Container is not null)
        {
            return TryAdoptContainer(info, out goneReason);
        }

        var stat = ProcStat.Read(info.Pid);
        if (stat is null || !stat.IsAlive || stat.StartTime != info.StartTime)
        {
            LogAdoptFailed(request.TaskId, info.Pid);
            goneReason = EndedBeforeRestart(info.Pid, stat is null || !stat.IsAlive
                ? "; its exit status is unknown"
                : " (the pid now belongs to another process)");
            return false;
        }

        var sandbox = Directory.Exists(info.SandboxPath) ? info.SandboxPath : Path.Join(_sandboxRoot, request.TaskId);
        var task = new RunningTask(request, sandbox) { Pid = info.Pid, StartTime = info.StartTime, Cgroup = _cgroups.Open(request.TaskId) };
        if (!_tasks.TryAdd(request.TaskId, task))
        {
            task.Dispose();
            goneReason = AdoptedTwice(request.TaskId);
            return false;
        }

        LogAdopted(request.TaskId, info.Pid);
        _ = _watcher.WatchAdoptedAsync(task);
        StartHealthChecks(task, MarathonTaskEnvironment.Build(request, sandbox, Environment.GetEnvironmentVariable("PATH")));
        goneReason = string.Empty;
        return true;
    }

    /// <summary>After <see cref="TryAdopt(TaskRecoveryInfo, out string)"/> ran for every persisted task: removes containers whose tasks are gone.</summary>
    public Task RecoveryCompletedAsync(CancellationToken cancellationToken) => _containers.SweepAsync(cancellationToken);

    /// <summary>Idempotent, also after <see cref="DisposeAsync"/> (a host may be stopped again after its services were disposed).</summary>
    /// <remarks>
    /// Stops watching and health-checking (tasks keep running and are re-adopted at the next start) and waits for the
    /// background work, so nothing of the executor writes into the data directory once it returned.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await CancelBackgroundWorkAsync();
        await StopWatchingAsync();
        await _containers.StopAsync().WaitAsync(cancellationToken);
        await _garbageCollection.WaitAsync(cancellationToken);
        await _containerWatchers.WhenAllAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Stops watching and health-checking. Running tasks are left running (they can be re-adopted).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _fetchClient.Dispose();
        _healthClient.Dispose();
        _shutdown.Dispose();
    }

    private static string AdoptedTwice(string taskId) => "Task " + taskId + " cannot be re-adopted twice";

    private static string EndedBeforeRestart(int pid, string detail) =>
        "Task process " + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + " had ended when the Runtime restarted" + detail;

    private async Task StopWatchingAsync()
    {
        foreach (var task in _tasks.Values)
        {
            try
            {
                await task.HealthChecks.CancelAsync();
                await task.Stopping.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The task ended (and was disposed by its watcher) meanwhile.
            }
        }
    }

    /// <summary>Cancels <see cref="_shutdown"/> once (the first of <see cref="StopAsync"/> and <see cref="DisposeAsync"/>).</summary>
    private async Task CancelBackgroundWorkAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _shutdown.CancelAsync();
        }
    }

    /// <summary>Every <paramref name="period"/>: forgets images unused for a day and deletes layers no image or task needs.</summary>
    private async Task CollectGarbageAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token))
            {
                try
                {
                    _containers.CollectGarbage(TimeSpan.FromDays(1));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LogGarbageCollectionFailed(e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<TaskProcessInfo?> LaunchContainerAsync(RunningTask task, CancellationToken cancellationToken)
    {
        var request = task.Request;
        var container = await _containers.StartAsync(task, cancellationToken);
        task.Container = container;
        task.Pid = container.Pid;
        task.StartTime = ProcStat.Read(container.Pid)?.StartTime ?? 0;
        LogStarted(request.TaskId, task.Pid, task.SandboxPath);
        _publisher.Publish(request.TaskId, TaskState.Running, null);
        _containerWatchers.Add(_containers.WatchAsync(task, container));
        StartHealthChecks(task, ContainerTaskRunner.Environment(request, request.Container!));
        if (task.KillRequested)
        {
            _ = _containers.KillAsync(task, TimeSpan.Zero, CancellationToken.None);
        }

        return new TaskProcessInfo(task.Pid, task.StartTime, task.SandboxPath);
    }

    private bool TryAdoptContainer(TaskRecoveryInfo info, out string goneReason)
    {
        var request = info.Request;
        var sandbox = Directory.Exists(info.SandboxPath) ? info.SandboxPath : Path.Join(_sandboxRoot, request.TaskId);
        var task = new RunningTask(request, sandbox) { StartTime = info.StartTime };
        if (!_tasks.TryAdd(request.TaskId, task))
        {
            task.Dispose();
            goneReason = AdoptedTwice(request.TaskId);
            return false;
        }

        if (!_containers.TryAdopt(task, out goneReason))
        {
            _tasks.TryRemove(new KeyValuePair<string, RunningTask>(request.TaskId, task));
            task.Dispose();
            LogAdoptFailed(request.TaskId, info.Pid);
            return false;
        }

        LogAdopted(request.TaskId, task.Pid);
        _containerWatchers.Add(_containers.WatchAsync(task, task.Container!));
        StartHealthChecks(task, ContainerTaskRunner.Environment(request, request.Container!));
        return true;
    }

    private void StartHealthChecks(RunningTask task, IReadOnlyDictionary<string, string> environment)
    {
        if (task.Request.HealthChecks.Count == 0)
        {
            return;
        }

        var monitor = new TaskHealthMonitor(task.Request, task.SandboxPath, environment, _probe, _time, _publisher.Publish);
        _ = monitor.RunAsync(_time.GetUtcNow(), task.HealthChecks.Token);
    }
}
