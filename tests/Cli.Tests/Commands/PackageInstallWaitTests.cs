using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class PackageInstallWaitTests : StubCosmosTest
{
    private const string AppPath = "/marathon/v2/apps/hello-2";

    private void ServeInstall()
    {
        Cli.Time = new SteppingTimeProvider(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(100));
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");
        Server.OnCosmos("/package/install", "package.install-response.json", "package.install-response", "v2");
    }

    [Fact]
    public async Task InstallWait_TasksBecomeHealthy_ReportsPlainProgressLinesAndSucceeds()
    {
        ServeInstall();
        var polls = 0;
        Server.On("GET", AppPath, () => new StubResponse(200, "application/json", Interlocked.Increment(ref polls) == 1
            ? """{"app":{"id":"/hello-2","instances":1,"tasksRunning":0,"tasksStaged":1,"tasksHealthy":0,"healthChecks":[{"protocol":"HTTP"}],"deployments":[{"id":"d1"}]}}"""
            : """{"app":{"id":"/hello-2","instances":1,"tasksRunning":1,"tasksHealthy":1,"healthChecks":[{"protocol":"HTTP"}],"deployments":[]}}"""));

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--wait");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("/hello-2: 0/1 tasks running, 0/1 healthy, 1 staging, deploying\n/hello-2: 1/1 tasks running, 1/1 healthy\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("Deployment of /hello-2 complete: 1/1 tasks running\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.Contains(Server.Requests, r => r.Path == AppPath && r.Query.Contains("embed=apps.tasks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallWait_TaskFails_FailsWithTheLastFailureReason()
    {
        ServeInstall();
        var now = DateTimeOffset.UtcNow.AddSeconds(5).ToString("O");
        Server.On("GET", AppPath, 200, "application/json",
            """{"app":{"id":"/hello-2","instances":1,"tasksRunning":0,"deployments":[{"id":"d1"}],"lastTaskFailure":{"taskId":"hello-2.t1","state":"TASK_FAILED","message":"Command exited with status 127","timestamp":""" + "\"" + now + "\"}}}");

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--wait");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith("Error: app '/hello-2' failed to start: TASK_FAILED (task hello-2.t1): Command exited with status 127\n", Cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallWait_OldFailureFromBeforeTheInstall_IsIgnored()
    {
        ServeInstall();
        Server.On("GET", AppPath, 200, "application/json",
            """{"app":{"id":"/hello-2","instances":1,"tasksRunning":1,"deployments":[],"lastTaskFailure":{"state":"TASK_FAILED","message":"old","timestamp":"2020-01-01T00:00:00Z"}}}""");

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--wait");

        Assert.Equal(ExitCodes.Success, exit);
    }

    [Fact]
    public async Task InstallWait_NeverReady_TimesOutWithTheStatus()
    {
        ServeInstall();
        Server.On("GET", AppPath, 200, "application/json", """{"app":{"id":"/hello-2","instances":2,"tasksRunning":1,"deployments":[]}}""");

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--wait", "--timeout", "1");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith("Error: timed out after 1 seconds waiting for '/hello-2' (/hello-2: 1/2 tasks running)\n", Cli.Stderr, StringComparison.Ordinal);
    }
}
