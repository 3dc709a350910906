using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Universe.Runtime.Containers.Images;
using Universe.Runtime.Containers.Layers;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Oci;
using Universe.Runtime.Containers.Rootfs;
using Universe.Runtime.Containers.Runc;

namespace Universe.Runtime.Containers;

/// <summary>
/// Runs task containers with runc: bundle (rootfs from the layer store, <c>config.json</c>, hosts/resolv.conf), CNI
/// network, start under the shim, stop with SIGTERM then SIGKILL, exit status and OOM, cleanup, re-adoption and sweeping
/// of what a crashed Runtime left behind. Everything lives under <c>&lt;store&gt;/bundles/&lt;id&gt;</c>.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class ContainerEngine(RuncClient runc, CniNetwork network, LayerStore layers, Func<bool> overlay, string bundleRoot,
    string cgroupParent, ILogger logger)
{
    public const string SandboxMountPoint = "/mnt/mesos/sandbox";
    private const string NetworkFile = "network.json";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly bool CgroupV2 = File.Exists("/sys/fs/cgroup/cgroup.controllers");

    public RuncClient Runc => runc;

    public CniNetwork Network => network;

    public LayerStore Layers => layers;

    public string BundlePath(string id) => Path.Join(bundleRoot, id);

    public async Task<RunningContainer> StartAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var bundle = BundlePath(launch.Id);
        if (Directory.Exists(bundle))
        {
            await CleanupAsync(launch.Id, CancellationToken.None);
        }

        Directory.CreateDirectory(bundle);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await BuildRootfsAsync(bundle, launch.Image, cancellationToken);
            var rootfsMs = clock.Elapsed.TotalMilliseconds;
            var rootfs = Path.Join(bundle, "rootfs");
            var argv = ContainerCommand.Resolve(launch.Cmd, launch.Args, launch.Image.Config)
                ?? throw new ContainerException("Nothing to run: the app has neither cmd nor args and the image " + launch.Image.Reference
                    + " has neither Entrypoint nor Cmd");
            ContainerUser user;
            try
            {
                user = ContainerUser.Resolve(launch.Image.Config.User, rootfs);
            }
            catch (InvalidDataException e)
            {
                throw new ContainerException(e.Message, e);
            }

            GiveToUser(user, launch.SandboxPath, launch.Mounts);
            CniAttachment? attachment = null;
            if (launch.Network == ContainerNetworkMode.Bridge)
            {
                attachment = await network.AttachAsync(launch.Id, launch.Ports, cancellationToken);
                await File.WriteAllTextAsync(Path.Join(bundle, NetworkFile), JsonSerializer.Serialize(attachment), cancellationToken);
            }

            var spec = new OciProcessSpec(
                argv,
                MergeEnvironment(launch.Image.Config.Env, launch.Environment),
                string.IsNullOrEmpty(launch.Image.Config.WorkingDir) ? "/" : launch.Image.Config.WorkingDir,
                user,
                launch.Hostname,
                launch.Cpus,
                launch.MemMb,
                "/" + cgroupParent + "/" + launch.Id,
                attachment?.NetnsPath,
                launch.Network == ContainerNetworkMode.Host,
                [.. await ContainerBundleFiles.WriteEtcFilesAsync(bundle, launch.Hostname, attachment?.IpAddress, cancellationToken),
                    new ContainerMount(launch.SandboxPath, SandboxMountPoint, ReadOnly: false), .. launch.Mounts],
                OomKillsGroup: CgroupV2);
            await File.WriteAllTextAsync(Path.Join(bundle, "config.json"), OciSpecBuilder.Serialize(spec), cancellationToken);
            var bundleMs = clock.Elapsed.TotalMilliseconds;
            var shim = runc.StartShim(launch.Id, bundle, Path.Join(launch.SandboxPath, "stdout"), Path.Join(launch.SandboxPath, "stderr"));
            var pid = await WaitForStartAsync(bundle, shim, launch.SandboxPath, cancellationToken);
            LogStarted(launch.Id, pid, launch.Image.Reference, (int)clock.Elapsed.TotalMilliseconds, (int)rootfsMs, (int)(bundleMs - rootfsMs), (int)(clock.Elapsed.TotalMilliseconds - bundleMs));
            return new RunningContainer(launch.Id, bundle, shim, pid);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await CleanupAsync(launch.Id, CancellationToken.None);
            throw e is ContainerException ? e : new ContainerException("Failed to start the container: " + e.Message, e);
        }
        catch
        {
            await CleanupAsync(launch.Id, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Completes when the container's process has exited (the shim wrote the exit status, or the shim is gone).</summary>
    public static async Task WaitForExitAsync(RunningContainer container, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        if (container.Shim is { } shim)
        {
            await shim.WaitForExitAsync(cancellationToken);
            return;
        }

        while (!File.Exists(container.ExitFile) && ProcessAlive(container.Pid))
        {
            await Task.Delay(pollInterval, cancellationToken);
        }

        // The init process is gone; the shim writes the exit status right after runc reaped it.
        for (var i = 0; i < 40 && !File.Exists(container.ExitFile); i++)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>SIGTERM to the container's init; SIGKILL to all its processes if it is still there after <paramref name="grace"/>.</summary>
    public async Task StopAsync(RunningContainer container, TimeSpan grace, CancellationToken cancellationToken)
    {
        await runc.KillAsync(container.Id, "TERM", all: false, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(grace);
        try
        {
            await WaitForExitAsync(container, TimeSpan.FromMilliseconds(100), limit.Token);
            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogGraceExpired(container.Id, grace);
        }

        await runc.KillAsync(container.Id, "KILL", all: true, cancellationToken);
        await WaitForExitAsync(container, TimeSpan.FromMilliseconds(100), cancellationToken);
    }

    /// <summary>
    /// After the container exited: its exit status and whether the OOM killer hit it, then <c>runc delete</c>, network
    /// teardown, unmount and removal of the bundle. Safe to call for a container that is half set up or gone.
    /// </summary>
    public async Task<ContainerExit> CleanupAsync(string id, CancellationToken cancellationToken)
    {
        var bundle = BundlePath(id);
        var exitCode = ContainerBundleFiles.ReadExitCode(Path.Join(bundle, "exit"));
        var oom = WasOomKilled(id);
        try
        {
            await runc.DeleteAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            LogCleanupFailed(id, e.Message);
        }

        var networkFile = Path.Join(bundle, NetworkFile);
        if (File.Exists(networkFile) && JsonSerializer.Deserialize<CniAttachment>(File.ReadAllText(networkFile)) is { } attachment)
        {
            try
            {
                await network.DetachAsync(attachment, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                LogCleanupFailed(id, e.Message);
            }
        }

        try
        {
            TaskRootfs.Remove(bundle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            LogCleanupFailed(id, e.Message);
        }

        return new ContainerExit(exitCode, oom);
    }

    /// <summary>The containers in this Runtime's runc root by id (one <c>runc list</c>), read once before re-adoption.</summary>
    public async Task<IReadOnlyDictionary<string, RuncState>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(runc.Root))
        {
            return new Dictionary<string, RuncState>(StringComparer.Ordinal);
        }

        var states = await runc.ListAsync(cancellationToken);
        return states.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Re-adopts a container that outlived a Runtime restart (<paramref name="state"/> is its <c>runc list</c> entry):
    /// running in runc, its bundle still there and no exit status written. Otherwise null, with what became of it.
    /// </summary>
    public RunningContainer? Adopt(string id, RuncState? state, out string goneReason)
    {
        var bundle = BundlePath(id);
        var exitFile = Path.Join(bundle, "exit");
        if (state is { IsRunning: true } && Directory.Exists(bundle) && !File.Exists(exitFile))
        {
            LogAdopted(id, state.Pid);
            goneReason = string.Empty;
            return new RunningContainer(id, bundle, null, state.Pid);
        }

        var oom = WasOomKilled(id) ? "; the OOM killer had killed a process in it (memory limit exceeded)" : string.Empty;
        goneReason = ContainerBundleFiles.ReadExitCode(exitFile) is { } code
            ? "Container exited with status " + code.ToString(CultureInfo.InvariantCulture) + " while the Runtime was down" + oom
            : state is null
                ? "Container was gone when the Runtime restarted (runc no longer knows it)" + oom
                : "Container had stopped (runc status " + state.Status + ") when the Runtime restarted; its exit status was not recorded" + oom;
        return null;
    }

    /// <summary>Deletes every container and bundle of this Runtime whose id is not in <paramref name="keep"/>.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        // Through ListAsync: no runc root means no container to list, and runc is not run (any runc command creates its root).
        var ids = new SortedSet<string>((await ListAsync(cancellationToken)).Keys, StringComparer.Ordinal);

        if (Directory.Exists(bundleRoot))
        {
            foreach (var directory in Directory.EnumerateDirectories(bundleRoot))
            {
                ids.Add(Path.GetFileName(directory));
            }
        }

        var removed = new List<string>();
        foreach (var id in ids.Where(i => !keep.Contains(i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            LogSweeping(id);
            await CleanupAsync(id, cancellationToken);
            removed.Add(id);
        }

        return removed;
    }

    /// <summary>The image's Env, then the task's environment on top (so PORT0, HOST, … and the app's env win).</summary>
    public static IReadOnlyList<string> MergeEnvironment(IReadOnlyList<string> imageEnv, IReadOnlyDictionary<string, string> taskEnv)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = Tasks.MarathonTaskEnvironment.DefaultPath };
        foreach (var entry in imageEnv)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                merged[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        foreach (var (key, value) in taskEnv)
        {
            merged[key] = value;
        }

        return [.. merged.Select(p => p.Key + "=" + p.Value)];
    }

    /// <summary>The sandbox (and new, empty persistent volumes) belong to the container's user, so a non-root image can write there.</summary>
    private static void GiveToUser(ContainerUser user, string sandbox, IReadOnlyList<ContainerMount> mounts)
    {
        if (user.Uid == 0 && user.Gid == 0)
        {
            return;
        }

        NativeFs.ChangeOwner(sandbox, (int)user.Uid, (int)user.Gid);
        foreach (var mount in mounts.Where(m => m.GiveToUser && Directory.Exists(m.Source) && !Directory.EnumerateFileSystemEntries(m.Source).Any()))
        {
            NativeFs.ChangeOwner(mount.Source, (int)user.Uid, (int)user.Gid);
        }
    }

    private async Task BuildRootfsAsync(string bundle, ContainerImage image, CancellationToken cancellationToken)
    {
        if (overlay())
        {
            var directories = new List<string>(image.Layers.Count);
            foreach (var layer in image.Layers)
            {
                directories.Add(await layers.EnsureAsync(layer.DiffId, layer.Open, cancellationToken));
            }

            TaskRootfs.MountOverlay(bundle, directories);
        }
        else
        {
            await TaskRootfs.CopyAsync(bundle, [.. image.Layers.Select(l => l.Open)], cancellationToken);
        }
    }

    private static async Task<int> WaitForStartAsync(string bundle, System.Diagnostics.Process shim, string sandbox, CancellationToken cancellationToken)
    {
        var pidFile = Path.Join(bundle, "pid");
        var deadline = DateTime.UtcNow + StartTimeout;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile, cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            if (shim.HasExited)
            {
                throw new ContainerException("runc could not start the container: " + ContainerBundleFiles.LastLines(Path.Join(sandbox, "stderr")));
            }

            // runc usually writes the pid file within 50-200 ms: poll finely for the first seconds (a 3 ms step costs
            // nothing and keeps the start latency from being rounded up), then back off.
            await Task.Delay(waited.Elapsed < TimeSpan.FromSeconds(3) ? 3 : 50, cancellationToken);
        }

        throw new ContainerException("runc did not start the container within " + StartTimeout.TotalSeconds + " s");
    }

    /// <summary>
    /// Watches a running container's memory cgroup for OOM kills (<c>oom_kill</c> in cgroup v2's <c>memory.events</c> or
    /// v1's <c>memory.oom_control</c>). The kernel may have killed only a child process while the container's init lives
    /// on; like Mesos' memory isolator, the whole container is then killed, and its exit is reported as the OOM failure.
    /// Returns when the container was killed for it, or when <paramref name="cancellationToken"/> ends the watch.
    /// </summary>
    public async Task WatchForOomAsync(string id, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(interval, cancellationToken);
            if (WasOomKilled(id))
            {
                LogOomKilled(id);
                await runc.KillAsync(id, "KILL", all: true, CancellationToken.None);
                return;
            }
        }
    }

    /// <summary>True when the OOM killer killed a process in the container's cgroup (the file of the host's cgroup version).</summary>
    private bool WasOomKilled(string id) => Tasks.TaskCgroup.OomKillCounted(CgroupV2
        ? Path.Join("/sys/fs/cgroup", cgroupParent, id, "memory.events")
        : Path.Join("/sys/fs/cgroup/memory", cgroupParent, id, "memory.oom_control"));

    private static bool ProcessAlive(int pid) => pid > 0 && Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
}
