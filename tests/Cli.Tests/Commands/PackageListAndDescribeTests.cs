using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class PackageListAndDescribeTests : StubCosmosTest
{
    [Fact]
    public async Task List_TwoAppsOfOnePackage_GroupsThemInOneRow()
    {
        Server.OnCosmos("/package/list", "package.list-response.json", "package.list-response");

        var exit = await Cli.RunAsync("package", "list");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(
            "     NAME     VERSION  CERTIFIED      APP       COMMAND              DESCRIPTION             \n"
            + "  helloworld  0.1.0    false      /helloworld  helloworld  Example DCOS application package  \n"
            + "                                  /hello-2                                                   \n",
            Cli.Stdout);
        Assert.Equal("{}", Server.Single("/package/list").Body);
    }

    [Fact]
    public async Task List_Json_PrintsSortedKeysWithApps()
    {
        Server.OnCosmos("/package/list", "package.list-response.json", "package.list-response");

        var exit = await Cli.RunAsync("package", "list", "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var package = Assert.Single(JsonNode.Parse(Cli.Stdout)!.AsArray())!.AsObject();
        Assert.Equal(["/helloworld", "/hello-2"], package["apps"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("helloworld", package["command"]!["name"]!.GetValue<string>());
        Assert.Equal(package.Select(p => p.Key).Order(StringComparer.Ordinal), package.Select(p => p.Key));
    }

    [Fact]
    public async Task List_AppIdFilterWithoutMatch_JsonIsEmptyAndTableFails()
    {
        Server.OnCosmos("/package/list", "package.list-response.json", "package.list-response");

        var jsonExit = await Cli.RunAsync("package", "list", "--app-id", "/other", "--json");
        var jsonOut = Cli.Stdout;
        var tableExit = await Cli.RunAsync("package", "list", "--app-id", "/other");

        Assert.Equal(ExitCodes.Success, jsonExit);
        Assert.Equal("[]\n", jsonOut);
        Assert.Equal(ExitCodes.Error, tableExit);
        Assert.Equal("Error: cannot find packages matching the provided filter\n", Cli.Stderr);
    }

    [Fact]
    public async Task Describe_NoFlags_PrintsThePackageWithTwoSpaceIndent()
    {
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");

        var exit = await Cli.RunAsync("package", "describe", "helloworld");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("{\n  \"package\": {\n    \"packagingVersion\": \"3.0\",", Cli.Stdout, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("package.describe-response.json")), JsonNode.Parse(Cli.Stdout)));
    }

    [Fact]
    public async Task Describe_App_PrintsTheDecodedTemplate()
    {
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");

        var exit = await Cli.RunAsync("package", "describe", "helloworld", "--app");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("""{"id": "{{helloworld.id}}", "cmd": "python3 -m http.server {{port}}", "cpus": 0.1, "mem": 32, "instances": 1}""" + "\n", Cli.Stdout);
    }

    [Fact]
    public async Task Describe_PackageVersions_PrintsTheSortedVersions()
    {
        Server.OnCosmos("/package/list-versions", "package.list-versions-response.json", "package.list-versions-response");

        var exit = await Cli.RunAsync("package", "describe", "helloworld", "--package-versions");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("[\n  \"0.1.0\",\n  \"0.4.0\",\n  \"0.4.1\",\n  \"0.4.2\"\n]\n", Cli.Stdout);
        Assert.Equal("""{"packageName":"helloworld","includePackageVersions":true}""", Server.Single("/package/list-versions").Body);
    }

    [Fact]
    public async Task Describe_Config_PrintsTheSchema()
    {
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");

        var exit = await Cli.RunAsync("package", "describe", "helloworld", "--config");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("object", JsonNode.Parse(Cli.Stdout)!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_Options_SendsServiceUpdateAndPrintsTheDeployment()
    {
        Server.OnCosmos("/service/update", "service.update-response.json", "service.update-response");

        var exit = await Cli.RunAsync("package", "update", "helloworld", "--option", "port=9191", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Created deployment 5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43\n", Cli.Stdout);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.update-request.json")), JsonNode.Parse(Server.Single("/service/update").Body)));
        Assert.Equal("application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1", Server.Single("/service/update").ContentType);
    }

    [Fact]
    public async Task Describe_V3AnsweredWith400_RetriesAsV2AndPrintsTheFlatPackage()
    {
        var calls = 0;
        Server.On("POST", "/package/describe", () => Interlocked.Increment(ref calls) == 1
            ? new StubResponse(400, "application/vnd.dcos.package.error+json;charset=utf-8;version=v1", """{"type":"not_valid","message":"Item header 'Accept' deemed invalid by rule: Media type was [x] but should be one of [y]"}""")
            : new StubResponse(200, "application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v2", """{"packagingVersion":"3.0","name":"helloworld","version":"0.1.0","description":"old Cosmos","selected":false,"framework":false}"""));

        var exit = await Cli.RunAsync("package", "describe", "helloworld");

        Assert.True(exit == ExitCodes.Success, Cli.Stderr);
        Assert.True(Cli.Stdout.Contains("\"description\": \"old Cosmos\"", StringComparison.Ordinal), Cli.Stdout);
        var accepts = Server.Requests.Where(r => r.Path == "/package/describe").Select(r => r.Accept).ToList();
        Assert.Equal(2, accepts.Count);
        Assert.Contains("package.describe-response+json;charset=utf-8;version=v3", accepts[0], StringComparison.Ordinal);
        Assert.Contains("package.describe-response+json;charset=utf-8;version=v2", accepts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_BothVersionsAnswer400_ReportsTheError()
    {
        Server.OnCosmosError("/package/describe", "error.package-not-found.json");

        var exit = await Cli.RunAsync("package", "describe", "nope");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal(2, Server.Requests.Count(r => r.Path == "/package/describe"));
        Assert.StartsWith("Error: Package [", Cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_GoldenResponse_PrintsOneRowPerRevision()
    {
        Server.OnCosmos("/service/history", "service.history-response.json", "service.history-response");

        var exit = await Cli.RunAsync("package", "history", "web-server");

        Assert.Equal(ExitCodes.Success, exit);
        var rows = Cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.Matches(@"^\s+4 \*\s+2026-12-06T14:20:05\.118Z\s+rollback to 2\s+web-server\s+1\.1\.0\s+deploying\s+\{", rows[1]);
        Assert.Matches(@"^\s+3\s+\S+\s+update\s+web-server\s+1\.1\.0\s+failed\s", rows[2]);
        Assert.Matches(@"^\s+1\s+\S+\s+install\s+web-server\s+1\.0\.0\s+---\s+\{""web"":\{""greeting"":""one""\}\}\s+$", rows[4]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.history-request.json")), JsonNode.Parse(Server.Single("/service/history").Body)));
        Assert.Equal("application/vnd.dcos.service.history-request+json;charset=utf-8;version=v1", Server.Single("/service/history").ContentType);
    }

    [Fact]
    public async Task History_Json_PrintsTheResponseLosslessly()
    {
        Server.OnCosmos("/service/history", "service.history-response.json", "service.history-response");

        var exit = await Cli.RunAsync("package", "history", "/web-server", "--json");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.history-response.json")), JsonNode.Parse(Cli.Stdout)));
    }

    [Fact]
    public async Task Rollback_GoldenResponses_SendsTheRevisionAndPrintsTheDeployment()
    {
        Server.OnCosmos("/service/history", "service.history-response.json", "service.history-response");
        Server.OnCosmos("/service/rollback", "service.rollback-response.json", "service.rollback-response");

        var exit = await Cli.RunAsync("package", "rollback", "web-server", "--revision", "1", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Created deployment 0f5b7a46-3c55-4c1e-9f0e-2a8d4f7b9c11\n", Cli.Stdout);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.rollback-request.json")), JsonNode.Parse(Server.Single("/service/rollback").Body)));
    }

    [Fact]
    public async Task UpdateDryRun_GoldenDiff_SendsTheDiffRequestAndAppliesNothing()
    {
        Server.OnCosmos("/service/diff", "service.diff-response.json", "service.diff-response");

        var exit = await Cli.RunAsync("package", "update", "web-server", "--package-version", "1.1.0", "--option", "web.greeting=two", "--dry-run");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Package version: 1.0.0 -> 1.1.0\n", Cli.Stdout, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.diff-request.json")), JsonNode.Parse(Server.Single("/service/diff").Body)));
        Assert.DoesNotContain(Server.Requests, r => r.Path == "/service/update");
    }

    [Fact]
    public async Task UpdateRollbackOnFailure_RolledBack_SendsTheTimeoutAndPrintsTheFailure()
    {
        Server.OnCosmosError("/service/update", "error.update-rolled-back.json");
        Server.On("GET", "/marathon/v2/apps/web-server", 200, "application/json", """{"app":{"id":"/web-server","instances":1,"tasksRunning":1,"tasksHealthy":0,"healthChecks":[{}],"deployments":[{"id":"d"}]}}""");

        var exit = await Cli.RunAsync("package", "update", "web-server", "--option", "web.directory-listing=true", "--yes", "--rollback-on-failure", "--timeout", "60");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("Error: The update of [/web-server] (revision 3) did not become healthy within 60 seconds and was rolled back to revision 2: task web-server.5b1f0c2e (TASK_RUNNING): HTTP health check on / answered 404\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.update-rollback-on-failure-request.json")), JsonNode.Parse(Server.Single("/service/update").Body)));
    }
}
