using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class PackageUninstallTests : StubCosmosTest
{
    [Fact]
    public async Task Uninstall_Yes_SendsTheRequestAndPrintsTheResult()
    {
        Server.OnCosmos("/package/uninstall", "package.uninstall-response.json", "package.uninstall-response");

        var exit = await Cli.RunAsync("package", "uninstall", "helloworld", "--app-id", "hello-2", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Uninstalled package [helloworld] version [0.1.0]\nThanks for using helloworld\n", Cli.Stderr);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"packageName":"helloworld","appId":"/hello-2"}"""), JsonNode.Parse(Server.Single("/package/uninstall").Body)));
    }

    [Fact]
    public async Task Uninstall_AllTypedOnATerminal_IsConfirmed()
    {
        Server.OnCosmos("/package/uninstall", "package.uninstall-response.json", "package.uninstall-response");

        var exit = await Cli.RunAsync(["package", "uninstall", "helloworld", "--all"], input: "uninstall all helloworld\n", interactive: true);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Please type 'uninstall all helloworld': ", Cli.Stdout);
        Assert.StartsWith(
            "WARNING: This action cannot be undone. This will uninstall all instances of the [helloworld] package, and delete all data for all helloworld instances.\n",
            Cli.Stderr,
            StringComparison.Ordinal);
        Assert.Equal("""{"packageName":"helloworld","all":true}""", Server.Single("/package/uninstall").Body);
    }

    [Fact]
    public async Task Uninstall_WrongNameThreeTimes_CancelsWithoutRequest()
    {
        var exit = await Cli.RunAsync(["package", "uninstall", "helloworld"], input: "hello\nhelo\nhw\n", interactive: true);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith("Expected 'helloworld'. You supplied 'hw'.\nError: cancelling uninstall\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Uninstall_NoTerminalWithoutYes_RequiresYes()
    {
        var exit = await Cli.RunAsync(["package", "uninstall", "helloworld", "--all"], input: "uninstall all helloworld\n", interactive: false);

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("pass --yes", Cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Cli.Stdout);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Uninstall_Ambiguous_SuggestsAppIdOrAll()
    {
        Server.OnCosmosError("/package/uninstall", "error.ambiguous-app-id.json");

        var exit = await Cli.RunAsync("package", "uninstall", "helloworld", "--yes");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal(
            "Error: Multiple apps named [helloworld] are installed: [/hello-2, /helloworld]\n"
            + "Please use --app-id to specify the ID of the app to uninstall, or use --all to uninstall all apps.\n",
            Cli.Stderr);
    }

    [Fact]
    public async Task Uninstall_AppIdTypedWithoutSlash_IsConfirmed()
    {
        Server.OnCosmos("/package/uninstall", "package.uninstall-response.json", "package.uninstall-response");

        var exit = await Cli.RunAsync(["package", "uninstall", "helloworld", "--app-id", "/hello-2"], input: "hello-2\n", interactive: true);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Please type the full name of the app ID to confirm: ", Cli.Stdout);
    }

    [Theory]
    [InlineData("--cli", "--all")]
    [InlineData("--cli", "--app")]
    public async Task Uninstall_CliWithAppFlags_IsAUsageError(string first, string second)
    {
        var exit = await Cli.RunAsync("package", "uninstall", "helloworld", first, second, "--yes");

        Assert.Equal(ExitCodes.InvalidArguments, exit);
        Assert.Equal("Error: --cli cannot be used with --app, --app-id, or --all\n", Cli.Stderr);
    }
}
