using System.Runtime.Versioning;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class AdoptionTests : IAsyncLifetime
{
    private readonly TaskExecutorHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryAdopt_RunningTaskAfterRestart_NewExecutorKillsIt()
    {
        var request = TaskExecutorHost.Request("trap 'exit 0' TERM; while true; do sleep 0.1; done");
        var info = await _host.LaunchAsync(request);
        var restarted = _host.CreateExecutor();

        var adopted = restarted.TryAdopt(new TaskRecoveryInfo(request, info.Pid, info.StartTime, info.SandboxPath));
        await restarted.KillAsync(request.TaskId, TimeSpan.FromSeconds(5), CancellationToken.None);
        var killed = await TaskExecutorHost.WaitForAsync(restarted, request.TaskId, u => u.State == TaskState.Killed, "adopted task killed");

        Assert.True(adopted);
        Assert.Equal("Task killed", killed.Message);
        await TaskExecutorHost.WaitUntilAsync(() => !TaskExecutorHost.ProcessExists(info.Pid), "adopted process gone");
    }

    [Fact]
    public async Task TryAdopt_AdoptedTaskExitsByItself_ReportsUnknownExitStatus()
    {
        var request = TaskExecutorHost.Request("while [ ! -f stop ]; do sleep 0.05; done");
        var info = await _host.LaunchAsync(request);
        var restarted = _host.CreateExecutor();
        Assert.True(restarted.TryAdopt(new TaskRecoveryInfo(request, info.Pid, info.StartTime, info.SandboxPath)));

        await File.WriteAllTextAsync(Path.Combine(info.SandboxPath, "stop"), string.Empty);
        var ended = await TaskExecutorHost.WaitForAsync(restarted, request.TaskId, u => u.State is TaskState.Failed or TaskState.Finished, "adopted task exit");

        Assert.Equal(TaskState.Failed, ended.State);
        Assert.Contains("exit status unknown after re-adoption", ended.Message, StringComparison.Ordinal);
        Assert.Null(ended.ExitCode);
    }

    [Fact]
    public async Task TryAdopt_StartTimeDiffers_False()
    {
        var request = TaskExecutorHost.Request("sleep 300");
        var info = await _host.LaunchAsync(request);
        var restarted = _host.CreateExecutor();

        var adopted = restarted.TryAdopt(new TaskRecoveryInfo(request, info.Pid, info.StartTime + 1, info.SandboxPath));

        Assert.False(adopted);
    }

    [Fact]
    public async Task TryAdopt_ProcessGone_False()
    {
        var request = TaskExecutorHost.Request("true");
        var info = await _host.LaunchAsync(request);
        await _host.WaitForStateAsync(request.TaskId, TaskState.Finished, "short task exits");
        var restarted = _host.CreateExecutor();

        var adopted = restarted.TryAdopt(new TaskRecoveryInfo(request, info.Pid, info.StartTime, info.SandboxPath));

        Assert.False(adopted);
    }

    [Fact]
    public async Task TryAdopt_SameTaskTwice_SecondFalse()
    {
        var request = TaskExecutorHost.Request("sleep 300");
        var info = await _host.LaunchAsync(request);
        var restarted = _host.CreateExecutor();
        var recovery = new TaskRecoveryInfo(request, info.Pid, info.StartTime, info.SandboxPath);

        var first = restarted.TryAdopt(recovery);
        var second = restarted.TryAdopt(recovery);

        Assert.True(first);
        Assert.False(second);
    }

    public Task DisposeAsync() => _host.StopAsync();
}
