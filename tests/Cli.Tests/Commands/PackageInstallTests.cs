using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class PackageInstallTests : StubCosmosTest
{
    private void ServeHelloworld()
    {
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");
        Server.OnCosmos("/package/install", "package.install-response.json", "package.install-response", "v2");
    }

    [Fact]
    public async Task Install_Yes_PrintsTheOriginalNotesAndSendsOptions()
    {
        ServeHelloworld();
        using var dir = new TempDirectory();
        var options = dir.File("options.json", """{"port":9090}""");

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--options", options, "--app-id", "/hello-2");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, Cli.Stdout);
        Assert.Equal(
            "This is a Community service. Community services are not tested for production environments. There may be bugs, incomplete features, incorrect documentation, or other discrepancies.\n"
            + "By Deploying, you agree to the Terms and Conditions https://mesosphere.com/catalog-terms-conditions/#community-services\n"
            + "A sample pre-installation message\n"
            + "Installing Marathon app for package [helloworld] version [0.1.0]\n"
            + "A sample post-installation message\n",
            Cli.Stderr);
        var request = Server.Single("/package/install");
        Assert.Equal("application/vnd.dcos.package.install-request+json;charset=utf-8;version=v1", request.ContentType);
        Assert.StartsWith("application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2,", request.Accept, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("package.install-request.json")), JsonNode.Parse(request.Body)));
    }

    [Fact]
    public async Task Install_OptionOverrides_AreMergedOverTheOptionsFile()
    {
        ServeHelloworld();
        using var dir = new TempDirectory();
        var options = dir.File("options.json", """{"port":9090,"helloworld":{"id":"a"}}""");

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--options", options, "--option", "helloworld.id=b", "--option", "port=7000");

        Assert.Equal(ExitCodes.Success, exit);
        var body = JsonNode.Parse(Server.Single("/package/install").Body)!;
        Assert.Equal("""{"port":7000,"helloworld":{"id":"b"}}""", body["options"]!.ToJsonString());
    }

    [Fact]
    public async Task Install_NoTerminalWithoutYes_FailsSayingSoAndInstallsNothing()
    {
        ServeHelloworld();

        var exit = await Cli.RunAsync(["package", "install", "helloworld"], input: "yes\n", interactive: false);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("Error: confirmation required, but standard input is not a terminal: pass --yes", Cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Cli.Stdout);
        Assert.DoesNotContain(Server.Requests, r => r.Path == "/package/install");
    }

    [Fact]
    public async Task Install_EmptyAnswerAtThePrompt_MeansNo()
    {
        ServeHelloworld();

        var exit = await Cli.RunAsync(["package", "install", "helloworld"], input: "\n", interactive: true);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Continue installing? [yes/no] ", Cli.Stdout);
        Assert.EndsWith("Error: couldn't get confirmation\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Requests, r => r.Path == "/package/install");
    }

    [Fact]
    public async Task Install_YesAtThePrompt_Installs()
    {
        ServeHelloworld();

        var exit = await Cli.RunAsync(["package", "install", "helloworld"], input: "yes\n", interactive: true);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Single(Server.Requests, r => r.Path == "/package/install");
    }

    [Fact]
    public async Task Install_AppAndCli_IsAUsageError()
    {
        var exit = await Cli.RunAsync("package", "install", "helloworld", "--app", "--cli", "--yes");

        Assert.Equal(ExitCodes.InvalidArguments, exit);
        Assert.Equal("Error: --app and --cli are mutually exclusive\n", Cli.Stderr);
    }

    [Fact]
    public async Task Install_MissingOptionsFile_FailsBeforeAnyRequest()
    {
        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--options", "/nonexistent.json");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: couldn't find options file '/nonexistent.json'\n", Cli.Stderr);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Install_InvalidOptions_PrintsEverySchemaErrorWithItsPath()
    {
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");
        Server.OnCosmosError("/package/install", "error.json-schema-mismatch.json");

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--option", "port=abc", "--option", "bogus=1");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith(
            "Error: Options JSON failed validation\n"
            + "  at /port: instance type (string) does not match any allowed primitive type (allowed: [\"integer\"]) (keyword: type; schema: /properties/port; found: \"string\"; expected: [\"integer\"])\n"
            + "  at (root): object instance has properties which are not allowed by the schema: [\"bogus\"] (keyword: additionalProperties)\n",
            Cli.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_AlreadyInstalled_SuggestsAppIdOrUpdate()
    {
        Server.OnCosmos("/package/describe", "package.describe-response.json", "package.describe-response", "v3");
        Server.OnCosmosError("/package/install", "error.package-already-installed.json", 409);

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith(
            "Error: Package is already installed\nUse --app-id to install another instance, or 'dcos package update <app-id>' to change its options.\n",
            Cli.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_GlobalFlag_IsAcceptedWithAWarning()
    {
        ServeHelloworld();

        var exit = await Cli.RunAsync("package", "install", "helloworld", "--yes", "--global");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("Usage of --global is deprecated and ignored.\n", Cli.Stderr, StringComparison.Ordinal);
    }
}
