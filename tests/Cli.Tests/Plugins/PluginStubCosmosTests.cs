using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Plugins;

/// <summary>CLI subcommand plugins of packages served by a stub Cosmos (wrong hashes, http binaries, pip commands).</summary>
public sealed class PluginStubCosmosTests : StubCosmosTest
{
    private const string Script = "#!/bin/sh\necho \"greet $*\"\necho \"to stderr\" >&2\nexit 3\n";

    private string SubcommandsDirectory => Path.Combine(Cli.ConfigHome, "universe", "subcommands");

    [Fact]
    public async Task Install_WrongSha256_FailsAndInstallsNothing()
    {
        ServeDescribe(Package("bad-cli", "data:text/plain;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Script)), new string('0', 64)));

        var exit = await Cli.RunAsync("package", "install", "bad-cli", "--yes");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("Installing CLI subcommand for package [bad-cli] version [1.0.0]\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            $"Error: the CLI binary of package [bad-cli] has sha256 {Sha256(Script)}, but the package expects {new string('0', 64)}; nothing was installed\n",
            Cli.Stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("New command available", Cli.Stderr, StringComparison.Ordinal);
        Assert.True(!Directory.Exists(SubcommandsDirectory) || !Directory.EnumerateFileSystemEntries(SubcommandsDirectory).Any());
    }

    [Fact]
    public async Task Install_HttpBinary_IsFetchedThroughCosmosAndNamedAfterTheFile()
    {
        const string original = "https://downloads.example.invalid/cli/v1/dcos-greet";
        var proxied = $"{Server.BaseAddress}package/resource?url={Uri.EscapeDataString(original)}";
        ServeDescribe(Package("greeter", proxied, Sha256(Script)));
        Server.On("GET", "/package/resource", 200, "application/octet-stream", Script);

        var exit = await Cli.RunAsync("package", "install", "greeter", "--cli", "--yes");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.EndsWith("New command available: dcos greet\n", Cli.Stderr, StringComparison.Ordinal);
        Assert.Equal("?url=" + Uri.EscapeDataString(original), Server.Single("/package/resource").Query);
        Assert.True(File.Exists(Path.Combine(SubcommandsDirectory, "greeter", "env", "bin", "dcos-greet")));
    }

    [Fact]
    public async Task Dispatch_PluginExitCode_IsPassedThrough()
    {
        const string original = "https://downloads.example.invalid/cli/v1/dcos-greet";
        ServeDescribe(Package("greeter", original, Sha256(Script)));
        Server.On("GET", "/package/resource", 200, "application/octet-stream", Script);
        Assert.Equal(ExitCodes.Success, await Cli.RunAsync("package", "install", "greeter", "--yes"));

        var exit = await Cli.RunAsync("greet", "a b", "--flag");

        Assert.Equal(3, exit);
        Assert.Equal("greet a b --flag\n", Cli.Stdout);
        Assert.Equal("to stderr\n", Cli.Stderr);
    }

    [Fact]
    public async Task Dispatch_Plugin_ReceivesTheClusterUrlAndTokenInItsEnvironment()
    {
        const string envScript = "#!/bin/sh\necho \"url=$DCOS_URL token=$DCOS_ACS_TOKEN marathon=$DCOS_MARATHON_URL\"\n";
        const string original = "https://downloads.example.invalid/cli/v1/dcos-envy";
        ServeDescribe(Package("envy", original, Sha256(envScript)));
        Server.On("GET", "/package/resource", 200, "application/octet-stream", envScript);
        Assert.Equal(ExitCodes.Success, await Cli.RunAsync("package", "install", "envy", "--yes"));
        Cli.Environment["DCOS_TOKEN"] = "s3cret-token";

        var exit = await Cli.RunAsync("envy");

        Assert.Equal(ExitCodes.Success, exit);
        var url = Server.BaseAddress.AbsoluteUri.TrimEnd('/');
        Assert.Equal($"url={url} token=s3cret-token marathon={url}/marathon\n", Cli.Stdout);
    }

    [Fact]
    public async Task Completion_InstalledPlugin_IsOfferedAsATopLevelCommand()
    {
        const string original = "https://downloads.example.invalid/cli/v1/dcos-greet";
        ServeDescribe(Package("greeter", original, Sha256(Script)));
        Server.On("GET", "/package/resource", 200, "application/octet-stream", Script);
        Assert.Equal(ExitCodes.Success, await Cli.RunAsync("completion", "bash"));
        var before = Cli.Stdout;
        Assert.Equal(ExitCodes.Success, await Cli.RunAsync("package", "install", "greeter", "--yes"));

        Assert.Equal(ExitCodes.Success, await Cli.RunAsync("completion", "bash"));
        var bash = Cli.Stdout;
        Assert.Equal(ExitCodes.Success, await Cli.RunAsync("completion", "zsh"));
        var zsh = Cli.Stdout;

        Assert.DoesNotContain("greet ", TopLevel(before, "\"\") opts=\""), StringComparison.Ordinal);
        Assert.StartsWith("greet ", TopLevel(bash, "\"\") opts=\""), StringComparison.Ordinal);
        Assert.StartsWith("greet ", TopLevel(zsh, "(\"\") opts=("), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_UnknownCommandWithoutPlugin_IsAUsageError()
    {
        var exit = await Cli.RunAsync("greet");

        Assert.Equal(ExitCodes.InvalidArguments, exit);
        Assert.StartsWith("Error: unknown command or argument greet\n", Cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_PipCommandOnly_FailsWithTheOriginalMessage()
    {
        var package = new JsonObject
        {
            ["packagingVersion"] = "3.0",
            ["name"] = "old-cli",
            ["version"] = "0.1.0",
            ["description"] = "pip subcommand",
            ["command"] = new JsonObject { ["pip"] = new JsonArray("dcos-old==0.1.0") },
        };
        ServeDescribe(package);

        var exit = await Cli.RunAsync("package", "install", "old-cli", "--cli", "--yes");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.EndsWith(
            "Error: unable to install CLI subcommand. PIP subcommands are no longer supported see: https://godoc.org/github.com/dcos/client-go/dcos#CosmosPackageCommand\n",
            Cli.Stderr,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(SubcommandsDirectory));
    }

    /// <summary>The words a completion script offers after <c>dcos</c> (the case branch of the empty command path).</summary>
    private static string TopLevel(string script, string marker)
    {
        var start = script.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, script);
        start += marker.Length;
        return script[start..script.IndexOf('\n', start)];
    }

    private void ServeDescribe(JsonObject package) =>
        Server.On(
            "POST",
            "/package/describe",
            200,
            "application/vnd.dcos.package.describe-response+json;charset=utf-8;version=v3",
            new JsonObject { ["package"] = package }.ToJsonString());

    private static JsonObject Package(string name, string url, string sha256) => new()
    {
        ["packagingVersion"] = "4.0",
        ["name"] = name,
        ["version"] = "1.0.0",
        ["description"] = "test plugin",
        ["selected"] = false,
        ["resource"] = new JsonObject
        {
            ["cli"] = new JsonObject
            {
                ["binaries"] = new JsonObject
                {
                    ["linux"] = new JsonObject
                    {
                        ["x86-64"] = new JsonObject
                        {
                            ["kind"] = "executable",
                            ["url"] = url,
                            ["contentHash"] = new JsonArray(new JsonObject { ["algo"] = "sha256", ["value"] = sha256 }),
                        },
                    },
                },
            },
        },
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
