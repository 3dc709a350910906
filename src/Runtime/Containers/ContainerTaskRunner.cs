using System.Collections.Concurrent;
using System.Runtime.Versioning;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Oci;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Containers;

/// <summary>
/// The container side of the local executor: pulls the image, builds the launch (Marathon environment, ports, volumes),
/// starts it with the <see cref="ContainerEngine"/>, watches it, kills it (SIGTERM, SIGKILL after the grace period,
/// <c>runc delete</c>), re-adopts it after a restart and sweeps what no task owns.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class ContainerTaskRunner(
    ContainerEngine engine,
    IImageSource images,
    LazyContainerSupport support,
    ConcurrentDictionary<string, RunningTask> tasks,
    TaskStatusPublisher publisher,
    string volumeRoot,
    IReadOnlyList<string> allowedHostPaths,
    ILogger logger)
{
    private static readonly TimeSpan OomPollInterval = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<string, ImagePullStatus> _pulls = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Runc.RuncState>? _recovered;

    public ContainerEngine Engine => engine;

    /// <summary>What the host offers for containers (probed once, on first use).</summary>
    public Task<ContainerSupport> GetSupportAsync() => support.GetAsync();

    /// <summary>When the host stops: cancels the container-support probe and waits for it (nothing is written afterwards).</summary>
    public Task StopAsync() => support.StopAsync();

    public IReadOnlyCollection<ImagePullStatus> Pulls => [.. _pulls.Values];

    /// <summary>Pulls and starts the task's container; the caller has created the sandbox and fetched its URIs.</summary>
    public async Task<RunningContainer> StartAsync(RunningTask task, CancellationToken cancellationToken)
    {
        var request = task.Request;
        var spec = request.Container!;
        if ((await support.GetAsync()).FailureReason is { } missing)
        {
            throw new ContainerException(missing);
        }

        if (spec.UsesBridge && !engine.Network.MissingPlugins().SequenceEqual([]))
        {
            throw new ContainerException("BRIDGE networking needs the CNI plugins " + string.Join(", ", engine.Network.MissingPlugins())
                + " in " + engine.Network.Settings.PluginDirectory + " (apt-get install containernetworking-plugins)");
        }

        ContainerImage image;
        var lastPublished = 0L;
        try
        {
            image = await images.GetAsync(spec.Image, spec.ForcePullImage, (done, total, layersDone, layersTotal) =>
            {
                // The queue reads the latest figures; the task's status message changes at most twice a second (and
                // when a layer completes), so a fast pull does not flood the status handler.
                var status = new ImagePullStatus(request.TaskId, request.AppId, spec.Image, done, total, layersDone, layersTotal);
                var previous = _pulls.GetValueOrDefault(request.TaskId);
                _pulls[request.TaskId] = status;
                var now = System.Environment.TickCount64;
                if (previous is null || previous.LayersDone != layersDone || previous.BytesTotal != total || now - lastPublished >= 500)
                {
                    lastPublished = now;
                    publisher.Publish(request.TaskId, TaskState.Starting, status.Message);
                }
            }, cancellationToken);
        }
        finally
        {
            _pulls.TryRemove(request.TaskId, out _);
        }

        if (lastPublished != 0)
        {
            publisher.Publish(request.TaskId, TaskState.Starting, "Pulled image " + spec.Image + "; starting the container");
        }

        var launch = new ContainerLaunch(
            request.TaskId,
            task.SandboxPath,
            image,
            request.Cmd,
            request.Args,
            Environment(request, spec),
            request.Cpus,
            request.MemMb,
            Hostname(request),
            spec.UsesBridge ? ContainerNetworkMode.Bridge : ContainerNetworkMode.Host,
            spec.UsesBridge ? PortMappings(request, spec) : [],
            Mounts(request, spec, task.SandboxPath));
        return await engine.StartAsync(launch, cancellationToken);
    }

    /// <summary>Waits for the container to end, cleans it up and reports the terminal state.</summary>
    public async Task WatchAsync(RunningTask task, RunningContainer container)
    {
        using (var watching = CancellationTokenSource.CreateLinkedTokenSource(task.Stopping.Token))
        {
            var oom = task.Request.MemMb > 0 ? WatchForOomAsync(container.Id, watching.Token) : Task.CompletedTask;
            try
            {
                await ContainerEngine.WaitForExitAsync(container, TimeSpan.FromMilliseconds(500), task.Stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return; // the executor is shutting down: the container keeps running and is re-adopted later
            }
            finally
            {
                await watching.CancelAsync();
                await oom;
            }
        }

        if (!tasks.TryRemove(new KeyValuePair<string, RunningTask>(task.TaskId, task)))
        {
            return;
        }

        await task.HealthChecks.CancelAsync();
        var exit = await engine.CleanupAsync(container.Id, CancellationToken.None);
        var (state, message) = TaskExitOutcome.Describe(task.KillRequested, task.Request.MemMb, exit.ExitCode, exit.OomKilled);
        if (exit.ExitCode is null && !task.KillRequested && !exit.OomKilled)
        {
            (state, message) = (TaskState.Failed, "Container exited; its exit status was not recorded");
        }

        LogEnded(task.TaskId, state, message);
        publisher.Publish(task.TaskId, state, message, exit.ExitCode);
        task.Exited.TrySetResult();
        task.Dispose();
    }

    private async Task WatchForOomAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await engine.WatchForOomAsync(id, OomPollInterval, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            LogOomWatchFailed(id, e.Message);
        }
    }

    public async Task KillAsync(RunningTask task, TimeSpan grace, CancellationToken cancellationToken)
    {
        await engine.StopAsync(task.Container!, grace, cancellationToken);
        await task.Exited.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Before re-adoption: what runc knows about this Runtime's containers (one <c>runc list</c>, read asynchronously
    /// so <see cref="TryAdopt"/> never blocks on a process under the scheduler's lock). Without runc there is nothing to adopt.
    /// </summary>
    public async Task PrepareRecoveryAsync(CancellationToken cancellationToken)
    {
        try
        {
            _recovered = await engine.ListAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or IOException
            or System.Text.Json.JsonException)
        {
            LogListFailed(e.Message);
            _recovered = new Dictionary<string, Runc.RuncState>(StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Re-adopts the container of a persisted task: true when runc still runs it (the caller starts <see cref="WatchAsync"/>);
    /// otherwise what became of it.
    /// </summary>
    public bool TryAdopt(RunningTask task, out string goneReason)
    {
        var container = engine.Adopt(task.TaskId, _recovered?.GetValueOrDefault(task.TaskId), out goneReason);
        if (container is null)
        {
            return false;
        }

        task.Container = container;
        task.Pid = container.Pid;
        return true;
    }

    /// <summary>After recovery: deletes containers and bundles of tasks that are gone (died while the Runtime was down).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var keep = tasks.Keys.ToHashSet(StringComparer.Ordinal);
        _recovered = null;
        foreach (var id in await engine.SweepAsync(keep, cancellationToken))
        {
            LogSwept(id);
        }
    }

    /// <summary>Runs a COMMAND health check inside the container (<c>runc exec</c>); returns its exit status.</summary>
    public async Task<int> ExecAsync(string taskId, string command, IReadOnlyDictionary<string, string> env, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await engine.Runc.ExecAsync(taskId, ["/bin/sh", "-c", command], [.. env.Select(p => p.Key + "=" + p.Value)], timeout, cancellationToken);
        return result.ExitCode;
    }

    /// <summary>Garbage-collects layers no cached image and no running container needs.</summary>
    public IReadOnlyList<string> CollectGarbage(TimeSpan unusedFor)
    {
        var inUse = tasks.Values.Select(t => t.Request.Container?.Image).OfType<string>().ToHashSet(StringComparer.Ordinal);
        images.ForgetUnused(inUse, unusedFor);
        return engine.Layers.CollectGarbage(images.CachedDiffIds());
    }

    /// <summary>Marathon's task environment as the container sees it (sandbox at /mnt/mesos/sandbox, the image's PATH).</summary>
    public static Dictionary<string, string> Environment(TaskLaunchRequest request, TaskContainerSpec spec)
    {
        var env = MarathonTaskEnvironment.Build(request, ContainerEngine.SandboxMountPoint, null);
        env.Remove("PATH");
        env["MARATHON_APP_DOCKER_IMAGE"] = spec.Image;
        if (spec.UsesBridge)
        {
            for (var i = 0; i < spec.PortMappings.Count && i < request.HostPorts.Count; i++)
            {
                if (spec.PortMappings[i].ContainerPort != 0)
                {
                    env["PORT_" + spec.PortMappings[i].ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                        request.HostPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        foreach (var (key, value) in request.Env)
        {
            env[key] = value;
        }

        return env;
    }

    private static string Hostname(TaskLaunchRequest request)
    {
        var name = request.Hostname;
        return name.Length is > 0 and <= 63 ? name : "localhost";
    }

    private static List<PortMappingSpec> PortMappings(TaskLaunchRequest request, TaskContainerSpec spec)
    {
        var result = new List<PortMappingSpec>();
        for (var i = 0; i < spec.PortMappings.Count && i < request.HostPorts.Count; i++)
        {
            var mapping = spec.PortMappings[i];
            var containerPort = mapping.ContainerPort == 0 ? request.HostPorts[i] : mapping.ContainerPort;
            foreach (var protocol in mapping.Protocol.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                result.Add(new PortMappingSpec(containerPort, request.HostPorts[i], protocol));
            }
        }

        return result;
    }

    private List<ContainerMount> Mounts(TaskLaunchRequest request, TaskContainerSpec spec, string sandbox)
    {
        var mounts = new List<ContainerMount>();
        foreach (var volume in spec.Volumes)
        {
            var destination = volume.ContainerPath.StartsWith('/')
                ? volume.ContainerPath
                : ContainerEngine.SandboxMountPoint + "/" + volume.ContainerPath;
            string source;
            if (volume.Persistent)
            {
                source = PersistentVolumePath(request.AppId, volume.ContainerPath);
                Directory.CreateDirectory(source);
            }
            else if (volume.HostPath is { } hostPath && hostPath.StartsWith('/'))
            {
                source = Path.GetFullPath(hostPath);
                if (allowedHostPaths.Count > 0 && !allowedHostPaths.Any(root => IsInside(source, root)))
                {
                    throw new ContainerException("hostPath " + hostPath + " is not in Runtime:Containers:AllowedHostPaths");
                }

                if (!Directory.Exists(source) && !File.Exists(source))
                {
                    throw new ContainerException("hostPath " + hostPath + " does not exist on the agent");
                }
            }
            else
            {
                source = SandboxPaths.ResolveRelative(sandbox, volume.HostPath ?? volume.ContainerPath)
                    ?? throw new ContainerException("volume hostPath " + volume.HostPath + " leaves the sandbox");
                Directory.CreateDirectory(source);
                if (new DirectoryInfo(source).LinkTarget is not null)
                {
                    throw new ContainerException("volume hostPath " + volume.HostPath + " is a symlink; refused");
                }
            }

            mounts.Add(new ContainerMount(source, destination, volume.ReadOnly, GiveToUser: volume.Persistent));
        }

        return mounts;
    }

    /// <summary>A persistent local volume: one directory per app and container path, kept when tasks restart.</summary>
    public string PersistentVolumePath(string appId, string containerPath) =>
        Path.Join(volumeRoot, appId.Trim('/').Replace('/', '#'), containerPath);

    private static bool IsInside(string path, string root)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        return path == full || path.StartsWith(full + "/", StringComparison.Ordinal) || full.Length == 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Container task {TaskId} ended: {State} {Reason}")]
    private partial void LogEnded(string taskId, TaskState state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching container {Id} for OOM kills failed: {Error}")]
    private partial void LogOomWatchFailed(string id, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the containers to re-adopt failed: {Error}")]
    private partial void LogListFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed container {Id}: its task is gone")]
    private partial void LogSwept(string id);
}
