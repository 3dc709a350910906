using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Integration;

/// <summary>The CLI against a real in-process Cosmos (bundled universe, bundled Runtime with a simulated agent).</summary>
public sealed class CosmosCliTests(CliCosmosFactory factory) : IClassFixture<CliCosmosFactory>, IDisposable
{
    private readonly TestCli _cli = new(factory.CreateHttpClient, CliCosmosFactory.ClusterUrl);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Search_BundledUniverse_PrintsTheTable()
    {
        var exit = await _cli.RunAsync("package", "search");

        Assert.Equal(ExitCodes.Success, exit);
        var lines = _cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\s+NAME\s+VERSION\s+CERTIFIED\s+FRAMEWORK\s+DESCRIPTION\s+$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  ticker ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  web-server ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Describe_UnknownPackage_FailsWithCosmosMessage()
    {
        var exit = await _cli.RunAsync("package", "describe", "no-such-package");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: Package [no-such-package] not found\n", _cli.Stderr);
    }

    [Fact]
    public async Task Describe_UnknownPackageVerbose_ShowsTheCosmosErrorType()
    {
        var exit = await _cli.RunAsync("package", "describe", "no-such-package", "--verbose");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.StartsWith("Error: PackageNotFound: Package [no-such-package] not found\n", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OptionOverrides_AreAppliedToTheMarathonApp()
    {
        var exit = await _cli.RunAsync("package", "render", "ticker", "--option", "service.name=tick-render", "--option", "ticker.message=hello world", "--option", "ticker.interval=7");

        Assert.Equal(ExitCodes.Success, exit);
        var app = JsonNode.Parse(_cli.Stdout)!;
        Assert.Equal("/tick-render", app["id"]!.GetValue<string>());
        Assert.Equal("hello world", app["env"]!["TICK_MESSAGE"]!.GetValue<string>());
        Assert.Equal("7", app["env"]!["TICK_INTERVAL"]!.GetValue<string>());
    }

    [Fact]
    public async Task Render_InvalidOptions_PrintsEachSchemaErrorWithItsPath()
    {
        var exit = await _cli.RunAsync("package", "render", "ticker", "--option", "ticker.interval=0", "--option", "ticker.format=weekly");

        Assert.Equal(ExitCodes.Error, exit);
        var lines = _cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Error: Options JSON failed validation", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  at /ticker/interval: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  at /ticker/format: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallListUninstall_WithOptions_RoundTripsThroughCosmosAndTheRuntime()
    {
        using var dir = new TempDirectory();
        var options = dir.File("options.json", """{"service":{"name":"tick-cli"},"ticker":{"message":"from options"}}""");

        var installed = await _cli.RunAsync("package", "install", "ticker", "--yes", "--options", options, "--option", "ticker.interval=9", "--wait", "--timeout", "60");
        var installStderr = _cli.Stderr;
        var listed = await _cli.RunAsync("package", "list", "tick-cli", "--json");
        var list = JsonNode.Parse(_cli.Stdout)!.AsArray();
        var uninstalled = await _cli.RunAsync("package", "uninstall", "ticker", "--app-id", "/tick-cli", "--yes");
        var uninstallStderr = _cli.Stderr;
        var relisted = await _cli.RunAsync("package", "list", "tick-cli", "--json");

        Assert.Equal(ExitCodes.Success, installed);
        Assert.Contains("Installing Marathon app for package [ticker] version [", installStderr, StringComparison.Ordinal);
        Assert.Contains("Deployment of /tick-cli complete", installStderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, listed);
        var package = Assert.Single(list)!;
        Assert.Equal("ticker", package["name"]!.GetValue<string>());
        Assert.Equal(["/tick-cli"], package["apps"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(ExitCodes.Success, uninstalled);
        Assert.StartsWith("Uninstalled package [ticker] version [", uninstallStderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, relisted);
        Assert.Equal("[]\n", _cli.Stdout);
    }

    [Fact]
    public async Task Uninstall_NotInstalled_FailsWithCosmosMessage()
    {
        var exit = await _cli.RunAsync("package", "uninstall", "kv-store", "--yes");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: Package [kv-store] is not installed\n", _cli.Stderr);
    }

    [Fact]
    public async Task RepoList_Default_ListsTheBundledUniverse()
    {
        var exit = await _cli.RunAsync("package", "repo", "list");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("Universe: ", _cli.Stdout, StringComparison.Ordinal);
    }
}
