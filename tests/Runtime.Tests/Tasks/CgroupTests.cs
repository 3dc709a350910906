using System.Globalization;
using System.Runtime.Versioning;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class CgroupTests : IAsyncLifetime
{
    private const string CgroupName = CgroupFactAttribute.CgroupName;
    private readonly TaskExecutorHost _host = new(cgroups: "auto");

    public Task InitializeAsync() => Task.CompletedTask;

    [CgroupFact]
    public void Isolation_HostAllowsCgroups_ReportsModeWithBothLimits()
    {
        var isolation = _host.Executor.Isolation;

        Assert.StartsWith("cgroup-v", isolation.Mode, StringComparison.Ordinal);
        Assert.True(isolation.CpuLimits);
        Assert.True(isolation.MemoryLimits);
    }

    [Fact]
    public async Task Isolation_CgroupsDisabled_NoneWithReason()
    {
        var host = new TaskExecutorHost(cgroups: "none");

        var isolation = host.Executor.Isolation;
        await host.StopAsync();

        Assert.Equal(new IsolationInfo("none", false, false, "disabled by configuration (Runtime:Tasks:Cgroups = none)"), isolation);
    }

    [CgroupFact]
    public async Task LaunchAsync_OverMemoryLimit_FailedWithOomReason()
    {
        var request = TaskExecutorHost.Request("exec python3 -c 'x = bytearray(256 * 1024 * 1024); print(len(x))'", memMb: 48);

        await _host.LaunchAsync(request);
        var failed = await _host.WaitForStateAsync(request.TaskId, TaskState.Failed, "OOM kill");

        Assert.StartsWith("Memory limit exceeded", failed.Message, StringComparison.Ordinal);
    }

    [CgroupFact]
    public async Task LaunchAsync_WithLimits_TaskRunsInItsCgroupWithQuota()
    {
        var request = TaskExecutorHost.Request("cat /proc/self/cgroup > cgroups; exec sleep 300", memMb: 64) with { Cpus = 0.5 };

        var info = await _host.LaunchAsync(request);
        var file = Path.Combine(info.SandboxPath, "cgroups");
        await TaskExecutorHost.WaitUntilAsync(() => File.Exists(file) && new FileInfo(file).Length > 0, "task wrote its cgroups");

        var lines = await File.ReadAllLinesAsync(file);
        Assert.Contains(lines, l => l.EndsWith("/" + CgroupName + "/" + request.TaskId, StringComparison.Ordinal));
        var (quota, memory) = ReadLimits(request.TaskId);
        Assert.Equal(50_000, quota);
        Assert.Equal(64L * 1024 * 1024, memory);
    }

    [CgroupFact]
    public async Task KillAsync_TaskWithCgroup_CgroupRemoved()
    {
        var request = TaskExecutorHost.Request("sleep 300");
        await _host.LaunchAsync(request);

        await _host.Executor.KillAsync(request.TaskId, TimeSpan.FromSeconds(2), CancellationToken.None);

        await TaskExecutorHost.WaitUntilAsync(() => !CgroupDirectories(request.TaskId).Any(Directory.Exists), "cgroup removed");
    }

    private static IEnumerable<string> CgroupDirectories(string taskId) =>
        File.Exists("/sys/fs/cgroup/cgroup.controllers")
            ? ["/sys/fs/cgroup/" + CgroupName + "/" + taskId]
            : ["/sys/fs/cgroup/memory/" + CgroupName + "/" + taskId, "/sys/fs/cgroup/cpu/" + CgroupName + "/" + taskId];

    private static (long Quota, long Memory) ReadLimits(string taskId)
    {
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            var dir = "/sys/fs/cgroup/" + CgroupName + "/" + taskId;
            var cpuMax = File.ReadAllText(Path.Combine(dir, "cpu.max")).Split(' ')[0];
            return (long.Parse(cpuMax, CultureInfo.InvariantCulture), long.Parse(File.ReadAllText(Path.Combine(dir, "memory.max")), CultureInfo.InvariantCulture));
        }

        var quota = File.ReadAllText("/sys/fs/cgroup/cpu/" + CgroupName + "/" + taskId + "/cpu.cfs_quota_us");
        var memory = File.ReadAllText("/sys/fs/cgroup/memory/" + CgroupName + "/" + taskId + "/memory.limit_in_bytes");
        return (long.Parse(quota, CultureInfo.InvariantCulture), long.Parse(memory, CultureInfo.InvariantCulture));
    }

    public Task DisposeAsync() => _host.StopAsync();
}
