using System.Text.Json.Nodes;
using Universe.Cli.Commands.Package;
using Universe.Cli.Commands.Plugins;
using Universe.Cli.Hosting;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Plugins;

public sealed class PluginStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private PluginStore Store => new(Path.Combine(_dir.Path, "subcommands"));

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("../evil", "ok")]
    [InlineData("ok", "../evil")]
    [InlineData(".hidden", "ok")]
    [InlineData("ok", "a/b")]
    public void Install_UnsafeNames_AreRejectedAndNothingIsWritten(string packageName, string command)
    {
        Assert.Throws<CliException>(() => Store.Install(packageName, command, [1], new JsonObject()));

        Assert.False(File.Exists(Path.Combine(_dir.Path, "evil")));
        Assert.Empty(Store.List());
    }

    [Fact]
    public void Install_Twice_ReplacesThePluginAndLeavesNoTemporaryDirectory()
    {
        Store.Install("greeter", "hi", "#!/bin/sh\nexit 1\n"u8.ToArray(), new JsonObject { ["name"] = "greeter", ["version"] = "1" });

        var second = Store.Install("greeter", "greet", "#!/bin/sh\nexit 2\n"u8.ToArray(), new JsonObject { ["name"] = "greeter", ["version"] = "2" });

        var plugin = Assert.Single(Store.List());
        Assert.Equal("greet", plugin.Command);
        Assert.Equal(second.ExecutablePath, plugin.ExecutablePath);
        Assert.Equal("2", plugin.Package["version"]!.GetValue<string>());
        Assert.Single(Directory.EnumerateFileSystemEntries(Store.Root));
        Assert.Null(Store.FindCommand("hi"));
    }

    [Fact]
    public void MergePlugins_ListedPackageWithLocalPlugin_GetsThePluginCommand()
    {
        var plugin = Store.Install("kafka", "kafka", [1], new JsonObject { ["name"] = "kafka", ["version"] = "2.0.0", ["packagingVersion"] = "4.0" });
        var listed = new JsonObject { ["apps"] = new JsonArray("/kafka"), ["name"] = "kafka", ["version"] = "2.0.0" };

        var merged = PackageListRunner.MergePlugins([listed], [plugin], new PackageListArgs(string.Empty, null, false, false));

        var entry = Assert.Single(merged);
        Assert.Equal("kafka", entry["command"]!["name"]!.GetValue<string>());
        Assert.Equal(["apps", "command", "name", "version"], entry.Select(p => p.Key));
    }
}
