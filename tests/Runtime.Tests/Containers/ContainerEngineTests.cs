using System.Diagnostics;
using System.Runtime.Versioning;
using Universe.Runtime.Containers;
using Universe.Runtime.Containers.Networking;
using Universe.Runtime.Containers.Oci;

namespace Universe.Runtime.Tests.Containers;

[SupportedOSPlatform("linux")]
public sealed class ContainerEngineTests : IAsyncLifetime
{
    private readonly ContainerTestEnvironment _env = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _env.CleanupAsync();

    [ContainerFact]
    public async Task Start_BridgeWithPortMapping_TwoWebServersOnPort80AnswerOnTheirHostPorts()
    {
        UmociImages.BuildBusybox(_env.Layout, "web", "hello from the container",
            "--config.entrypoint", "/bin/busybox", "--config.entrypoint", "httpd",
            "--config.cmd", "-f", "--config.cmd", "-p", "--config.cmd", "80", "--config.cmd", "-h", "--config.cmd", "/www");
        var image = UmociImages.Load(_env.Layout, "web");
        var ports = new[] { ContainerTestEnvironment.FreePort(), ContainerTestEnvironment.FreePort() };

        var first = await _env.Engine.StartAsync(Launch("web-1", image, ports: [new PortMappingSpec(80, ports[0], "tcp")]), default);
        var second = await _env.Engine.StartAsync(Launch("web-2", image, ports: [new PortMappingSpec(80, ports[1], "tcp")]), default);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("hello from the container", await GetWithRetryAsync(http, "http://127.0.0.1:" + ports[0] + "/"));
        Assert.Equal("hello from the container", await GetWithRetryAsync(http, "http://127.0.0.1:" + ports[1] + "/"));
        Assert.Equal(2, (await _env.Runc.ListAsync(default)).Count(s => s.Status == "running"));
        await Task.WhenAll(_env.Engine.StopAsync(first, TimeSpan.FromSeconds(1), default), _env.Engine.StopAsync(second, TimeSpan.FromSeconds(1), default));
        Assert.Equal(137, (await _env.Engine.CleanupAsync("web-1", default)).ExitCode); // httpd as pid 1 has no SIGTERM handler
        await _env.Engine.CleanupAsync("web-2", default);
        Assert.Empty(await _env.Runc.ListAsync(default));
    }

    [ContainerTheory]
    [InlineData(null, null, "entry:[default-cmd]")]
    [InlineData(null, "a1 a2", "entry:[a1 a2]")]
    [InlineData("echo shell:$0", null, "shell:/bin/sh")]
    public async Task Start_CmdArgsAndEntrypoint_FollowMarathonSemantics(string? cmd, string? args, string expected)
    {
        UmociImages.BuildBusybox(_env.Layout, "cmd", "x",
            "--config.entrypoint", "/bin/sh", "--config.entrypoint", "-c", "--config.entrypoint", "echo \"entry:[$*]\"", "--config.entrypoint", "entry",
            "--config.cmd", "default-cmd");
        var image = UmociImages.Load(_env.Layout, "cmd");

        var output = await RunToEndAsync(Launch("cmd-" + Guid.NewGuid().ToString("N")[..8], image, cmd: cmd, args: args?.Split(' ')));

        Assert.Equal(0, output.Exit.ExitCode);
        Assert.Equal(expected, output.Stdout.Trim());
    }

    [ContainerFact]
    public async Task Start_ImageEnvWorkingDirAndUser_AreAppliedAndTaskEnvWins()
    {
        UmociImages.BuildBusybox(_env.Layout, "user", "x", "--config.user", "web", "--config.workingdir", "/www",
            "--config.env", "GREETING=hello", "--config.env", "PORT0=image");
        var image = UmociImages.Load(_env.Layout, "user");

        var output = await RunToEndAsync(Launch("user-1", image, cmd: "id; pwd; echo greeting=$GREETING port=$PORT0 sandbox=$MESOS_SANDBOX",
            env: new Dictionary<string, string> { ["PORT0"] = "31000", ["MESOS_SANDBOX"] = ContainerEngine.SandboxMountPoint }));

        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("uid=1000(web) gid=1000(web) groups=1000(web),2000(extra)", lines[0]);
        Assert.Equal("/www", lines[1]);
        Assert.Equal("greeting=hello port=31000 sandbox=/mnt/mesos/sandbox", lines[2]);
    }

    [ContainerFact]
    public async Task Start_ReadOnlyHostPath_CannotBeWrittenButReadWriteCan()
    {
        UmociImages.BuildBusybox(_env.Layout, "vol", "x");
        var image = UmociImages.Load(_env.Layout, "vol");
        var ro = Directory.CreateDirectory(Path.Join(_env.Directory, "ro")).FullName;
        var rw = Directory.CreateDirectory(Path.Join(_env.Directory, "rw")).FullName;
        File.WriteAllText(Path.Join(ro, "present"), "p");

        var output = await RunToEndAsync(Launch("vol-1", image, cmd: "cat /ro/present; touch /ro/new || echo ro-refused; touch /rw/new && echo rw-ok",
            mounts: [new ContainerMount(ro, "/ro", ReadOnly: true), new ContainerMount(rw, "/rw", ReadOnly: false)]));

        Assert.Equal("pro-refused\nrw-ok", output.Stdout.Trim());
        Assert.False(File.Exists(Path.Join(ro, "new")));
        Assert.True(File.Exists(Path.Join(rw, "new")));
    }

    [ContainerFact]
    public async Task Start_MemoryLimitExceeded_EndsWithOomKilled()
    {
        UmociImages.BuildBusybox(_env.Layout, "oom", "x");
        var image = UmociImages.Load(_env.Layout, "oom");

        var output = await RunToEndAsync(Launch("oom-1", image, cmd: "exec dd if=/dev/zero of=/dev/null bs=200M count=1", memMb: 32));

        Assert.True(output.Exit.OomKilled, "exit " + output.Exit.ExitCode + ": " + output.Stderr);
        Assert.Equal(137, output.Exit.ExitCode);
    }

    [ContainerFact]
    public async Task Stop_SigtermIgnored_SigkillAfterTheGracePeriod()
    {
        UmociImages.BuildBusybox(_env.Layout, "stubborn", "x");
        var image = UmociImages.Load(_env.Layout, "stubborn");
        var container = await _env.Engine.StartAsync(Launch("stubborn-1", image, cmd: "trap 'echo got-term' TERM; while true; do sleep 0.1; done"), default);
        await Task.Delay(300);

        var watch = Stopwatch.StartNew();
        await _env.Engine.StopAsync(container, TimeSpan.FromSeconds(2), default);
        watch.Stop();
        var exit = await _env.Engine.CleanupAsync(container.Id, default);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
        Assert.Equal(137, exit.ExitCode);
        Assert.False(exit.OomKilled);
    }

    private async Task<(ContainerExit Exit, string Stdout, string Stderr)> RunToEndAsync(ContainerLaunch launch)
    {
        var container = await _env.Engine.StartAsync(launch, default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await ContainerEngine.WaitForExitAsync(container, TimeSpan.FromMilliseconds(50), timeout.Token);
        var exit = await _env.Engine.CleanupAsync(container.Id, default);
        return (exit, File.ReadAllText(Path.Join(launch.SandboxPath, "stdout")), File.ReadAllText(Path.Join(launch.SandboxPath, "stderr")));
    }

    private ContainerLaunch Launch(string id, ContainerImage image, string? cmd = null, IReadOnlyList<string>? args = null,
        IReadOnlyList<PortMappingSpec>? ports = null, IReadOnlyList<ContainerMount>? mounts = null, double memMb = 64,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var sandbox = _env.NewSandbox();
        File.WriteAllText(Path.Join(sandbox, "stdout"), "");
        File.WriteAllText(Path.Join(sandbox, "stderr"), "");
        return new ContainerLaunch(id, sandbox, image, cmd, args, env ?? new Dictionary<string, string>(), 0.1, memMb, id,
            ports is null ? ContainerNetworkMode.None : ContainerNetworkMode.Bridge, ports ?? [], mounts ?? []);
    }

    private static async Task<string> GetWithRetryAsync(HttpClient http, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }
}
