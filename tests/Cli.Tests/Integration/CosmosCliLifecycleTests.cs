using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Integration;

/// <summary>
/// <c>dcos package history|rollback</c>, <c>update --dry-run|--yes|--wait|--rollback-on-failure</c> and
/// <c>dcos marathon app start|stop|restart|update|kill</c> against an in-process Cosmos and its bundled Runtime.
/// Each test works on its own app id and removes it at the end.
/// </summary>
public sealed class CosmosCliLifecycleTests(CliCosmosFactory factory) : IClassFixture<CliCosmosFactory>, IDisposable
{
    private readonly TestCli _cli = new(factory.CreateHttpClient, CliCosmosFactory.ClusterUrl);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task UpdateHistoryRollback_WebServer_ThreeRevisionsThenBackToTheFirst()
    {
        const string app = "web-cli-life";
        await InstallAsync(app);
        try
        {
            var dryRun = await _cli.RunAsync("package", "update", app, "--option", "web.greeting=two", "--dry-run");
            var dryRunOut = _cli.Stdout;
            var afterDryRun = await HistoryJsonAsync(app);
            Assert.Equal(ExitCodes.Success, await _cli.RunAsync("package", "update", app, "--option", "web.greeting=two", "--yes", "--wait", "--timeout", "60"));
            var waitErr = _cli.Stderr;
            Assert.Equal(ExitCodes.Success, await _cli.RunAsync("package", "update", app, "--package-version", "1.1.0", "--yes"));
            var table = await _cli.RunAsync("package", "history", app);
            var tableOut = _cli.Stdout;
            var history = await HistoryJsonAsync(app);
            var rollback = await _cli.RunAsync("package", "rollback", app, "--revision", "1", "--yes", "--wait", "--timeout", "60");
            var rollbackOut = _cli.Stdout;
            var rollbackErr = _cli.Stderr;
            var after = await HistoryJsonAsync(app);

            Assert.Equal(ExitCodes.Success, dryRun);
            Assert.Contains("Package version: 1.0.0 (unchanged)\n", dryRunOut, StringComparison.Ordinal);
            Assert.Contains("  /web/greeting: \"one\" -> \"two\"\n", dryRunOut, StringComparison.Ordinal);
            Assert.Contains("\n-    \"GREETING\": \"one\"\n+    \"GREETING\": \"two\"\n", dryRunOut, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b[", dryRunOut, StringComparison.Ordinal);
            Assert.Single(afterDryRun);
            Assert.Contains($"Deployment of /{app} complete", waitErr, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, table);
            var rows = tableOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches(@"^\s+REVISION\s+UPDATED\s+CHANGE\s+PACKAGE\s+VERSION\s+STATUS\s+OPTIONS\s+$", rows[0]);
            Assert.Matches(@"^\s+3 \*\s+\S+\s+update\s+web-server\s+1\.1\.0\s", rows[1]);
            Assert.Matches(@"^\s+1\s+\S+\s+install\s+web-server\s+1\.0\.0\s", rows[3]);
            Assert.Equal(["1.1.0", "1.0.0", "1.0.0"], history.Select(r => r!["packageVersion"]!.GetValue<string>()));
            Assert.Equal(ExitCodes.Success, rollback);
            Assert.StartsWith("Created deployment ", rollbackOut, StringComparison.Ordinal);
            Assert.Contains($"Rolled [/{app}] back to revision 1 (web-server 1.0.0) as revision 4", rollbackErr, StringComparison.Ordinal);
            Assert.Equal("rollback", after[0]!["change"]!.GetValue<string>());
            Assert.Equal("one", after[0]!["options"]!["web"]!["greeting"]!.GetValue<string>());
        }
        finally
        {
            await RemoveAsync(app);
        }
    }

    [Fact]
    public async Task Update_NoTerminalWithoutYes_RefusesAndChangesNothing()
    {
        const string app = "web-cli-noyes";
        await InstallAsync(app);
        try
        {
            var exit = await _cli.RunAsync("package", "update", app, "--option", "web.greeting=two");
            var stderr = _cli.Stderr;
            var history = await HistoryJsonAsync(app);

            Assert.Equal(ExitCodes.Error, exit);
            Assert.Contains("pass --yes", stderr, StringComparison.Ordinal);
            Assert.Single(history);
        }
        finally
        {
            await RemoveAsync(app);
        }
    }

    [Fact]
    public async Task Update_TerminalAnswers_ShowsTheDiffAndAppliesOnlyOnYes()
    {
        const string app = "web-cli-prompt";
        await InstallAsync(app);
        try
        {
            var declined = await _cli.RunAsync(["package", "update", app, "--option", "web.greeting=nope"], "no\n", interactive: true);
            var declinedOut = _cli.Stdout;
            var accepted = await _cli.RunAsync(["package", "update", app, "--option", "web.greeting=two"], "yes\n", interactive: true);
            var acceptedOut = _cli.Stdout;
            var history = await HistoryJsonAsync(app);

            Assert.Equal(ExitCodes.Error, declined);
            Assert.Contains("+    \"GREETING\": \"nope\"", declinedOut, StringComparison.Ordinal);
            Assert.Contains($"Continue updating [/{app}]? [yes/no] ", declinedOut, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, accepted);
            Assert.Contains("+    \"GREETING\": \"two\"", acceptedOut, StringComparison.Ordinal);
            Assert.Equal(2, history.Count);
            Assert.Equal("two", history[0]!["options"]!["web"]!["greeting"]!.GetValue<string>());
        }
        finally
        {
            await RemoveAsync(app);
        }
    }

    [Fact]
    public async Task Update_RollbackOnFailureHealthy_WaitsAndReportsHealth()
    {
        const string app = "web-cli-rof";
        await InstallAsync(app);
        try
        {
            var exit = await _cli.RunAsync("package", "update", app, "--option", "web.greeting=two", "--yes", "--rollback-on-failure", "--timeout", "30");
            var stderr = _cli.Stderr;
            var (_, body) = await MarathonAppAsync(app);

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Contains($"Deployment of /{app} complete: every instance is healthy", stderr, StringComparison.Ordinal);
            Assert.Equal("two", body!["app"]!["env"]!["GREETING"]!.GetValue<string>());
        }
        finally
        {
            await RemoveAsync(app);
        }
    }

    [Fact]
    public async Task Rollback_UnknownRevision_FailsWithTheKeptRevisions()
    {
        const string app = "web-cli-norev";
        await InstallAsync(app);
        try
        {
            var exit = await _cli.RunAsync("package", "rollback", app, "--revision", "7", "--yes");

            Assert.Equal(ExitCodes.Error, exit);
            Assert.Equal($"Error: service [/{app}] has no revision [7]; the revisions kept are [1]\n", _cli.Stderr);
        }
        finally
        {
            await RemoveAsync(app);
        }
    }

    [Fact]
    public async Task MarathonApp_StopStartRestartUpdateKill_ChangeTheAppAsTheOriginalCli()
    {
        const string app = "/cli-app-life";
        var added = await _cli.RunAsync(["marathon", "app", "add"], $$"""{"id":"{{app}}","cmd":"sleep 1000","instances":1,"cpus":0.01,"mem":8}""");
        Assert.Equal(ExitCodes.Success, added);
        try
        {
            var stop = await _cli.RunAsync("marathon", "app", "stop", app, "--force");
            var stopOut = _cli.Stdout;
            var stoppedInstances = await InstancesAsync(app);
            var stopAgain = await _cli.RunAsync("marathon", "app", "stop", app);
            var stopAgainErr = _cli.Stderr;
            var start = await _cli.RunAsync("marathon", "app", "start", app, "2", "--force");
            var startedInstances = await InstancesAsync(app);
            var startAgain = await _cli.RunAsync("marathon", "app", "start", app);
            var startAgainErr = _cli.Stderr;
            var restart = await _cli.RunAsync("marathon", "app", "restart", app, "--force");
            var restartOut = _cli.Stdout;
            var update = await _cli.RunAsync("marathon", "app", "update", app, "cmd=sleep 2000", "env={\"A\":\"b\"}", "--force");
            var (_, updated) = await MarathonAppAsync(app.TrimStart('/'));
            var updateStdin = await _cli.RunAsync(["marathon", "app", "update", app, "--force"], """{"instances":1}""");
            var kill = await _cli.RunAsync("marathon", "app", "kill", app);
            var killOut = _cli.Stdout;
            var missing = await _cli.RunAsync("marathon", "app", "restart", "/no-such-app");
            var missingErr = _cli.Stderr;

            Assert.Equal(ExitCodes.Success, stop);
            Assert.StartsWith("Created deployment ", stopOut, StringComparison.Ordinal);
            Assert.Equal(0, stoppedInstances);
            Assert.Equal(ExitCodes.Error, stopAgain);
            Assert.Equal($"Error: application '{app}' already stopped: 0 instances\n", stopAgainErr);
            Assert.Equal(ExitCodes.Success, start);
            Assert.Equal(2, startedInstances);
            Assert.Equal(ExitCodes.Error, startAgain);
            Assert.Equal($"Error: application '{app}' already started: 2 instances\n", startAgainErr);
            Assert.Equal(ExitCodes.Success, restart);
            Assert.StartsWith("Created deployment ", restartOut, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, update);
            Assert.Equal("sleep 2000", updated!["app"]!["cmd"]!.GetValue<string>());
            Assert.Equal("b", updated["app"]!["env"]!["A"]!.GetValue<string>());
            Assert.Equal(ExitCodes.Success, updateStdin);
            Assert.Equal(1, await InstancesAsync(app));
            Assert.Equal(ExitCodes.Success, kill);
            Assert.Matches(@"^Killed tasks: \d+\n$", killOut);
            Assert.Equal(ExitCodes.Error, missing);
            Assert.Equal("Error: app '/no-such-app' does not exist\n", missingErr);
        }
        finally
        {
            await _cli.RunAsync("marathon", "app", "remove", app, "--force");
        }
    }

    [Fact]
    public async Task MarathonAppUpdate_BadProperty_IsAUsageError()
    {
        var exit = await _cli.RunAsync("marathon", "app", "update", "/x", "no-equals-sign");

        Assert.Equal(ExitCodes.InvalidArguments, exit);
        Assert.StartsWith("Error: invalid property 'no-equals-sign'", _cli.Stderr, StringComparison.Ordinal);
    }

    private async Task InstallAsync(string app)
    {
        var exit = await _cli.RunAsync("package", "install", "web-server", "--package-version", "1.0.0", "--app-id", app, "--option", "web.greeting=one", "--yes");
        Assert.True(exit == ExitCodes.Success, _cli.Stderr);
    }

    private async Task RemoveAsync(string app) => await _cli.RunAsync("package", "uninstall", "web-server", "--app-id", "/" + app, "--yes");

    private async Task<JsonArray> HistoryJsonAsync(string app)
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("package", "history", app, "--json"));
        return JsonNode.Parse(_cli.Stdout)!["revisions"]!.AsArray();
    }

    private async Task<int> InstancesAsync(string app)
    {
        var (_, body) = await MarathonAppAsync(app.TrimStart('/'));
        return body!["app"]!["instances"]!.GetValue<int>();
    }

    private async Task<(int Status, JsonNode? Body)> MarathonAppAsync(string app)
    {
        using var http = factory.CreateHttpClient(new Uri(CliCosmosFactory.ClusterUrl, "marathon/"));
        using var response = await http.GetAsync(new Uri("v2/apps/" + app, UriKind.Relative));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }
}
