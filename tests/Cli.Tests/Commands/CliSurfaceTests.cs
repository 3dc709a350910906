using Universe.Cli.Configuration;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class CliSurfaceTests : StubCosmosTest
{
    [Theory]
    [InlineData("package", "frobnicate")]
    [InlineData("package", "install")]
    [InlineData("package", "search", "--bogus")]
    public async Task Invoke_UsageError_PrintsErrorAndExits2(params string[] args)
    {
        var exit = await Cli.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidArguments, exit);
        Assert.StartsWith("Error: ", Cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Invoke_PackageWithoutSubcommand_PrintsHelp()
    {
        var exit = await Cli.RunAsync("package");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("search", Cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("uninstall", Cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterSetup_UrlAndToken_StoresThemAndLaterCommandsUseThem()
    {
        Server.OnCosmos("/package/search", "package.search-response.json", "package.search-response");
        Cli.Environment.Remove(ClusterSettings.UrlVariable);

        var setup = await Cli.RunAsync("cluster", "setup", Server.BaseAddress.AbsoluteUri, "--token", "t0k");
        var search = await Cli.RunAsync("package", "search");

        Assert.Equal(ExitCodes.Success, setup);
        Assert.Equal(ExitCodes.Success, search);
        Assert.Equal("Bearer t0k", Server.Single("/package/search").Authorization);
        var path = Path.Combine(Cli.ConfigHome, "universe", "dcos.json");
        Assert.Contains("\"token\":\"t0k\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterSetup_NotAUrl_Fails()
    {
        var exit = await Cli.RunAsync("cluster", "setup", "ftp://example");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: 'ftp://example' is not an http or https URL\n", Cli.Stderr);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _dcos_completions dcos")]
    [InlineData("zsh", "compdef _dcos dcos")]
    public async Task Completion_Shell_PrintsAScriptCoveringTheCommandTree(string shell, string registration)
    {
        var exit = await Cli.RunAsync("completion", shell);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains(registration, Cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("\" package install\"", Cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("--package-version", Cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("\" marathon app\"", Cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_UnknownShell_IsAUsageError()
    {
        var exit = await Cli.RunAsync("completion", "fish");

        Assert.Equal(ExitCodes.InvalidArguments, exit);
    }
}
