using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Universe.Cli.Tests.Integration;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Plugins;

/// <summary>CLI subcommand plugins against the in-process Cosmos with the bundled <c>hello-cli</c> package.</summary>
public sealed class PluginCosmosTests(CliCosmosFactory factory) : IClassFixture<CliCosmosFactory>, IDisposable
{
    private const string HelloSha256 = "118b6ddb2b3c3223be625b21c2eb689d81e88056ea359f83b3a91f72a8caa421";

    private readonly TestCli _cli = new(factory.CreateHttpClient, CliCosmosFactory.ClusterUrl);

    private string PackageDirectory => Path.Combine(_cli.ConfigHome, "universe", "subcommands", "hello-cli");

    private string Executable => Path.Combine(PackageDirectory, "env", "bin", "dcos-hello");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Install_HelloCli_InstallsAnExecutableWithTheExpectedHash()
    {
        var exit = await _cli.RunAsync("package", "install", "hello-cli", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, _cli.Stdout);
        Assert.EndsWith(
            "Installing CLI subcommand for package [hello-cli] version [1.0.0]\nNew command available: dcos hello\n",
            _cli.Stderr,
            StringComparison.Ordinal);
        Assert.True(File.Exists(Executable));
        Assert.Equal(HelloSha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Executable))));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                File.GetUnixFileMode(Executable));
        }

        var package = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(PackageDirectory, "package.json")))!;
        Assert.Equal("hello-cli", package["name"]!.GetValue<string>());
        Assert.Equal("1.0.0", package["version"]!.GetValue<string>());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(PackageDirectory)!, ".*"));
    }

    [Fact]
    public async Task Dispatch_InstalledHello_RunsThePluginProcessWithTheArguments()
    {
        await InstallHelloAsync();

        var exit = await _cli.RunAsync("hello", "World");
        var stdout = _cli.Stdout;
        var info = await _cli.RunAsync("hello", "--info");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Hello, World!\n", stdout);
        Assert.Equal(ExitCodes.Success, info);
        Assert.Equal("Say hello from the Universe\n", _cli.Stdout);
    }

    [Fact]
    public async Task ListCli_AfterInstall_ShowsThePluginCommand()
    {
        await InstallHelloAsync();

        var table = await _cli.RunAsync("package", "list", "--cli");
        var lines = _cli.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = await _cli.RunAsync("package", "list", "--cli", "--json");
        var entries = JsonNode.Parse(_cli.Stdout)!.AsArray();

        Assert.Equal(ExitCodes.Success, table);
        Assert.Matches(@"^\s*NAME\s+VERSION\s+CERTIFIED\s+APP\s+COMMAND\s+DESCRIPTION\s*$", lines[0]);
        Assert.Matches(@"^\s*hello-cli\s+1\.0\.0\s+false\s+---\s+hello\s+A CLI-only package", lines[1]);
        Assert.Equal(ExitCodes.Success, json);
        var entry = Assert.Single(entries)!;
        Assert.Equal("hello", entry["command"]!["name"]!.GetValue<string>());
        Assert.Empty(entry["apps"]!.AsArray());
        Assert.Null(entry["resource"]);
    }

    [Fact]
    public async Task UninstallCli_InstalledPlugin_RemovesItAndTheCommand()
    {
        await InstallHelloAsync();

        var exit = await _cli.RunAsync("package", "uninstall", "hello-cli", "--cli");
        var stderr = _cli.Stderr;
        var dispatched = await _cli.RunAsync("hello", "World");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("Removed CLI subcommand 'dcos hello' of package [hello-cli] version [1.0.0]\n", stderr);
        Assert.False(Directory.Exists(PackageDirectory));
        Assert.Equal(ExitCodes.InvalidArguments, dispatched);
        Assert.StartsWith("Error: unknown command or argument hello\n", _cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_NoAppButPlugin_RemovesOnlyThePlugin()
    {
        await InstallHelloAsync();

        var exit = await _cli.RunAsync("package", "uninstall", "hello-cli", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Removed CLI subcommand 'dcos hello' of package [hello-cli]", _cli.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PackageDirectory));
    }

    [Fact]
    public async Task UninstallCli_NothingInstalled_FailsSayingSo()
    {
        var exit = await _cli.RunAsync("package", "uninstall", "hello-cli", "--cli");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: Package [hello-cli] is not installed\n", _cli.Stderr);
    }

    [Fact]
    public async Task Install_AppOnly_SkipsThePlugin()
    {
        var exit = await _cli.RunAsync("package", "install", "hello-cli", "--app", "--yes");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith("Error: Package [hello-cli] has nothing to install\n", _cli.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PackageDirectory));
    }

    private async Task InstallHelloAsync()
    {
        var exit = await _cli.RunAsync("package", "install", "hello-cli", "--cli", "--yes");
        Assert.True(exit == ExitCodes.Success, _cli.Stderr);
    }
}
