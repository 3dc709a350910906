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

        var exit = await Cli.RunAsync("package", "update", "helloworld", "--option", "port=9191");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Created deployment 5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43\n", Cli.Stdout);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("service.update-request.json")), JsonNode.Parse(Server.Single("/service/update").Body)));
        Assert.Equal("application/vnd.dcos.service.update-request+json;charset=utf-8;version=v1", Server.Single("/service/update").ContentType);
    }
}
