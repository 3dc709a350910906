using System.Globalization;
using System.Runtime.Versioning;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class LocalTaskExecutorTests : IAsyncLifetime
{
    private readonly TaskExecutorHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task LaunchAsync_Cmd_TaskSeesMarathonEnvironment()
    {
        var request = TaskExecutorHost.Request(
            "env > env.txt",
            ports: [31555, 31556],
            env: new Dictionary<string, string> { ["GREETING"] = "hello world" },
            labels: new Dictionary<string, string> { ["DCOS_PACKAGE_NAME"] = "hello" });

        var info = await _host.LaunchAsync(request);
        await _host.WaitForStateAsync(request.TaskId, TaskState.Finished, "env task exits");

        var env = (await File.ReadAllLinesAsync(Path.Combine(info.SandboxPath, "env.txt")))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("31555", env["PORT0"]);
        Assert.Equal("31555,31556", env["PORTS"]);
        Assert.Equal("127.0.0.1", env["HOST"]);
        Assert.Equal(info.SandboxPath, env["MESOS_SANDBOX"]);
        Assert.Equal(request.TaskId, env["MESOS_TASK_ID"]);
        Assert.Equal("/test/app", env["MARATHON_APP_ID"]);
        Assert.Equal("256.0", env["MARATHON_APP_RESOURCE_MEM"]);
        Assert.Equal("hello", env["MARATHON_APP_LABEL_DCOS_PACKAGE_NAME"]);
        Assert.Equal("hello world", env["GREETING"]);
        Assert.Equal(Path.Combine(_host.DataDirectory, "sandboxes", request.TaskId), info.SandboxPath);
    }

    [Fact]
    public async Task LaunchAsync_Args_ExecsWithoutShell()
    {
        var request = TaskExecutorHost.Request(args: ["echo", "$HOME;", "*"]);

        var info = await _host.LaunchAsync(request);
        var finished = await _host.WaitForStateAsync(request.TaskId, TaskState.Finished, "echo exits");

        Assert.Equal("$HOME; *\n", await File.ReadAllTextAsync(Path.Combine(info.SandboxPath, "stdout")));
        Assert.Equal(0, finished.ExitCode);
    }

    [Fact]
    public async Task LaunchAsync_CmdWritingBothStreams_GoesToSandboxFiles()
    {
        var request = TaskExecutorHost.Request("echo out; echo err >&2");

        var info = await _host.LaunchAsync(request);
        await _host.WaitForStateAsync(request.TaskId, TaskState.Finished, "streams task exits");

        Assert.Equal("out\n", await File.ReadAllTextAsync(Path.Combine(info.SandboxPath, "stdout")));
        Assert.Equal("err\n", await File.ReadAllTextAsync(Path.Combine(info.SandboxPath, "stderr")));
        Assert.Equal(info.SandboxPath, _host.Executor.GetSandboxPath(request.TaskId));
    }

    [Fact]
    public async Task LaunchAsync_NonZeroExit_ReportsFailedWithStatus()
    {
        var request = TaskExecutorHost.Request("exit 3");

        await _host.LaunchAsync(request);
        var failed = await _host.WaitForStateAsync(request.TaskId, TaskState.Failed, "exit 3");

        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("Command exited with status 3", failed.Message);
    }

    [Fact]
    public async Task LaunchAsync_KilledBySignalItself_ReportsFailedWithSignal()
    {
        var request = TaskExecutorHost.Request("kill -KILL $$");

        await _host.LaunchAsync(request);
        var failed = await _host.WaitForStateAsync(request.TaskId, TaskState.Failed, "self-kill");

        Assert.StartsWith("Command terminated with signal 9", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchAsync_DockerWithoutImage_FailsAtOnceWithReason()
    {
        var request = TaskExecutorHost.Request("sleep 100", containerType: "DOCKER");

        var info = await _host.Executor.LaunchAsync(request, CancellationToken.None);
        var failed = await _host.WaitForStateAsync(request.TaskId, TaskState.Failed, "docker rejection");

        Assert.Null(info);
        Assert.Equal("A DOCKER container needs container.docker.image", failed.Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    public async Task LaunchAsync_UnsafeTaskId_FailsWithoutSandbox(string taskId)
    {
        var request = TaskExecutorHost.Request("true", taskId: taskId);

        var info = await _host.Executor.LaunchAsync(request, CancellationToken.None);
        var failed = await _host.WaitForStateAsync(taskId, TaskState.Failed, "invalid id");

        Assert.Null(info);
        Assert.StartsWith("Invalid task id", failed.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_host.DataDirectory, "escape")));
    }

    [Fact]
    public async Task LaunchAsync_FetchFails_ReportsFailedWithReason()
    {
        var request = TaskExecutorHost.Request("true", fetch: [new FetchUri("file:///nonexistent/rtexec/file.tgz")]);

        var info = await _host.Executor.LaunchAsync(request, CancellationToken.None);
        var failed = await _host.WaitForStateAsync(request.TaskId, TaskState.Failed, "fetch failure");

        Assert.Null(info);
        Assert.Contains("no such file", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchAsync_FetchedScript_RunsFromSandbox()
    {
        var script = Path.Combine(_host.DataDirectory, "hello.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho fetched\n");
        var request = TaskExecutorHost.Request("./hello.sh", fetch: [new FetchUri("file://" + script, Executable: true)]);

        var info = await _host.LaunchAsync(request);
        await _host.WaitForStateAsync(request.TaskId, TaskState.Finished, "fetched script exits");

        Assert.Equal("fetched\n", await File.ReadAllTextAsync(Path.Combine(info.SandboxPath, "stdout")));
    }

    [Fact]
    public async Task KillAsync_TaskTrapsTerm_GetsTermThenKilledReport()
    {
        var request = TaskExecutorHost.Request("trap 'echo term > got-term; exit 0' TERM; touch ready; while true; do sleep 0.1; done");
        var info = await _host.LaunchAsync(request);
        await TaskExecutorHost.WaitUntilAsync(() => File.Exists(Path.Combine(info.SandboxPath, "ready")), "trap installed");

        await _host.Executor.KillAsync(request.TaskId, TimeSpan.FromSeconds(10), CancellationToken.None);
        var killed = await _host.WaitForStateAsync(request.TaskId, TaskState.Killed, "killed after TERM");

        Assert.Equal("term\n", await File.ReadAllTextAsync(Path.Combine(info.SandboxPath, "got-term")));
        Assert.Equal("Task killed", killed.Message);
        Assert.False(TaskExecutorHost.ProcessExists(info.Pid));
    }

    [Fact]
    public async Task KillAsync_TaskIgnoresTerm_SigkillAfterGrace()
    {
        var request = TaskExecutorHost.Request("trap '' TERM; touch ready; while true; do sleep 0.1; done");
        var info = await _host.LaunchAsync(request);
        await TaskExecutorHost.WaitUntilAsync(() => File.Exists(Path.Combine(info.SandboxPath, "ready")), "TERM ignored");
        var started = System.Diagnostics.Stopwatch.StartNew();

        await _host.Executor.KillAsync(request.TaskId, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        // The grace timer and this clock may disagree by a few milliseconds; a TERM-killed task would end in ~1 ms.
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(280), $"SIGKILL came before the grace period ended ({started.Elapsed.TotalMilliseconds} ms)");
        Assert.False(TaskExecutorHost.ProcessExists(info.Pid));
        await _host.WaitForStateAsync(request.TaskId, TaskState.Killed, "killed after grace");
    }

    [Fact]
    public async Task KillAsync_TaskWithChild_ChildDiesWithTask()
    {
        var request = TaskExecutorHost.Request("sleep 300 & echo $! > child.pid; wait");
        var info = await _host.LaunchAsync(request);
        var childPidFile = Path.Combine(info.SandboxPath, "child.pid");
        await TaskExecutorHost.WaitUntilAsync(() => File.Exists(childPidFile) && new FileInfo(childPidFile).Length > 0, "child started");
        var child = int.Parse((await File.ReadAllTextAsync(childPidFile)).Trim(), CultureInfo.InvariantCulture);

        await _host.Executor.KillAsync(request.TaskId, TimeSpan.FromSeconds(5), CancellationToken.None);

        await TaskExecutorHost.WaitUntilAsync(() => !TaskExecutorHost.ProcessExists(child), "child sleep killed with its task");
        Assert.Equal(info.Pid, ProcStat.Read(child)?.ProcessGroup ?? info.Pid);
    }

    [Fact]
    public async Task LaunchAsync_TaskExitsLeavingChild_ChildIsKilled()
    {
        var request = TaskExecutorHost.Request("sleep 300 & echo $! > child.pid; exit 0");
        var info = await _host.LaunchAsync(request);

        await _host.WaitForStateAsync(request.TaskId, TaskState.Finished, "parent exits");
        var child = int.Parse((await File.ReadAllTextAsync(Path.Combine(info.SandboxPath, "child.pid"))).Trim(), CultureInfo.InvariantCulture);

        await TaskExecutorHost.WaitUntilAsync(() => !TaskExecutorHost.ProcessExists(child), "orphaned child killed");
    }

    [Fact]
    public async Task LaunchAsync_Started_ProcessLeadsItsOwnSession()
    {
        var request = TaskExecutorHost.Request("echo $$ > pid; exec sleep 300");

        var info = await _host.LaunchAsync(request);
        var pidFile = Path.Combine(info.SandboxPath, "pid");
        await TaskExecutorHost.WaitUntilAsync(() => File.Exists(pidFile) && new FileInfo(pidFile).Length > 0, "task wrote its pid");

        var stat = ProcStat.Read(info.Pid);
        Assert.Equal(info.Pid.ToString(CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(pidFile)).Trim());
        Assert.NotNull(stat);
        Assert.Equal(info.Pid, stat.ProcessGroup);
        Assert.Equal(info.Pid, stat.Session);
        Assert.Equal(stat.StartTime, info.StartTime);
    }

    [Fact]
    public async Task KillAsync_WhileFetching_LaunchReturnsNullAndTaskKilled()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var request = TaskExecutorHost.Request("true", fetch: [new FetchUri(server.BaseUrl + "/hang/app.tgz")]);
        var launch = _host.Executor.LaunchAsync(request, CancellationToken.None);
        await _host.WaitForStateAsync(request.TaskId, TaskState.Starting, "fetch started");

        await _host.Executor.KillAsync(request.TaskId, TimeSpan.FromSeconds(5), CancellationToken.None);
        var killed = await _host.WaitForStateAsync(request.TaskId, TaskState.Killed, "killed while fetching");

        Assert.Null(await launch);
        Assert.Equal("Task killed before it started", killed.Message);
    }

    [Fact]
    public async Task KillAsync_UnknownTask_ReturnsAtOnce()
    {
        await _host.Executor.KillAsync("no-such-task", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(_host.Executor.GetSandboxPath("no-such-task"));
    }

    public Task DisposeAsync() => _host.StopAsync();
}
