using System.Runtime.Versioning;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class HealthCheckTests : IAsyncLifetime
{
    private readonly TaskExecutorHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HttpCheck_PythonHttpServer_ReportsHealthy()
    {
        var port = TaskExecutorHost.FreePort();
        var check = new HealthCheckSpec("HTTP", "/", 0, null, null, GracePeriodSeconds: 30, IntervalSeconds: 1, TimeoutSeconds: 1);
        var request = TaskExecutorHost.Request("exec python3 -m http.server $PORT0 --bind 127.0.0.1", ports: [port], healthChecks: [check]);

        await _host.LaunchAsync(request);
        var healthy = await TaskExecutorHost.WaitForAsync(_host.Executor, request.TaskId, u => u.Healthy is not null, "python http.server health");

        Assert.True(healthy.Healthy);
        Assert.Equal(TaskState.Running, healthy.State);
    }

    [Fact]
    public async Task HttpCheck_PathReturns404_UnhealthyWithStatus()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var port = new Uri(server.BaseUrl).Port;
        var check = new HealthCheckSpec("MESOS_HTTP", "/missing", null, port, null, GracePeriodSeconds: 0, IntervalSeconds: 1, TimeoutSeconds: 1, MaxConsecutiveFailures: 0);
        var request = TaskExecutorHost.Request("sleep 300", healthChecks: [check]);

        await _host.LaunchAsync(request);
        var unhealthy = await TaskExecutorHost.WaitForAsync(_host.Executor, request.TaskId, u => u.Healthy is not null, "404 health");

        Assert.False(unhealthy.Healthy);
        Assert.Equal("HTTP health check to /missing returned 404", unhealthy.Message);
        Assert.False(unhealthy.MaxConsecutiveFailuresExceeded);
    }

    [Fact]
    public async Task TcpCheck_NothingListening_ExceedsMaxConsecutiveFailures()
    {
        var check = new HealthCheckSpec("TCP", null, null, TaskExecutorHost.FreePort(), null, GracePeriodSeconds: 0, IntervalSeconds: 1, TimeoutSeconds: 1, MaxConsecutiveFailures: 2);
        var request = TaskExecutorHost.Request("sleep 300", healthChecks: [check]);

        await _host.LaunchAsync(request);
        var exceeded = await TaskExecutorHost.WaitForAsync(_host.Executor, request.TaskId, u => u.MaxConsecutiveFailuresExceeded, "TCP failures");

        Assert.False(exceeded.Healthy);
        Assert.StartsWith("TCP health check failed 2 consecutive times", exceeded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TcpCheck_TaskListening_Healthy()
    {
        var port = TaskExecutorHost.FreePort();
        var check = new HealthCheckSpec("MESOS_TCP", null, 0, null, null, GracePeriodSeconds: 30, IntervalSeconds: 1, TimeoutSeconds: 1);
        var request = TaskExecutorHost.Request("exec python3 -m http.server $PORT0 --bind 127.0.0.1", ports: [port], healthChecks: [check]);

        await _host.LaunchAsync(request);
        var healthy = await TaskExecutorHost.WaitForAsync(_host.Executor, request.TaskId, u => u.Healthy is not null, "TCP health");

        Assert.True(healthy.Healthy);
    }

    [Fact]
    public async Task CommandCheck_SeesTaskEnvironmentAndSandbox_Healthy()
    {
        var check = new HealthCheckSpec("COMMAND", null, null, null, "test -f marker && test \"$MESOS_TASK_ID\" = \"$EXPECTED\"", GracePeriodSeconds: 30, IntervalSeconds: 1, TimeoutSeconds: 2);
        var taskId = TaskExecutorHost.NewTaskId();
        var request = TaskExecutorHost.Request("touch marker; exec sleep 300", taskId: taskId, healthChecks: [check], env: new Dictionary<string, string> { ["EXPECTED"] = taskId });

        await _host.LaunchAsync(request);
        var healthy = await TaskExecutorHost.WaitForAsync(_host.Executor, taskId, u => u.Healthy is not null, "COMMAND health");

        Assert.True(healthy.Healthy);
    }

    [Fact]
    public async Task CommandCheck_ExitsNonZero_UnhealthyWithStatus()
    {
        var check = new HealthCheckSpec("COMMAND", null, null, null, "exit 7", GracePeriodSeconds: 0, IntervalSeconds: 1, TimeoutSeconds: 2, MaxConsecutiveFailures: 1);
        var request = TaskExecutorHost.Request("sleep 300", healthChecks: [check]);

        await _host.LaunchAsync(request);
        var exceeded = await TaskExecutorHost.WaitForAsync(_host.Executor, request.TaskId, u => u.MaxConsecutiveFailuresExceeded, "COMMAND failure");

        Assert.EndsWith("COMMAND health check exited with status 7", exceeded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandCheck_Hangs_TimesOut()
    {
        var check = new HealthCheckSpec("COMMAND", null, null, null, "sleep 30", GracePeriodSeconds: 0, IntervalSeconds: 1, TimeoutSeconds: 1, MaxConsecutiveFailures: 1);
        var request = TaskExecutorHost.Request("sleep 300", healthChecks: [check]);

        await _host.LaunchAsync(request);
        var exceeded = await TaskExecutorHost.WaitForAsync(_host.Executor, request.TaskId, u => u.MaxConsecutiveFailuresExceeded, "COMMAND timeout");

        Assert.EndsWith("COMMAND health check timed out after 1 s", exceeded.Message, StringComparison.Ordinal);
    }

    public Task DisposeAsync() => _host.StopAsync();
}
