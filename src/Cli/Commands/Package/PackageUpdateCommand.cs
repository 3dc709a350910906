using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package update &lt;app-id&gt; [--options f] [--option key.path=value…] [--package-version v] [--replace] [--json]</c>.</summary>
internal static class PackageUpdateCommand
{
    public static Command Create(Func<PackageUpdateArgs, CancellationToken, Task<int>> run)
    {
        var appId = PackageOptions.RejectFlags(new Argument<string>("app-id") { Description = "The Marathon app id of the installed service" });
        var version = PackageOptions.PackageVersion();
        var options = PackageOptions.OptionsFile();
        var overrides = PackageOptions.Overrides();
        var replace = new Option<bool>("--replace")
        {
            Description = "Use exactly these options (default: merge them over the stored options)",
        };
        var json = new Option<bool>("--json") { Description = "Print the Cosmos update response as JSON" };
        var command = new Command("update", "Update the options (or version) of an installed service")
        {
            appId, version, options, overrides, replace, json,
        };
        command.SetAction((parse, ct) => run(
            new PackageUpdateArgs(
                parse.GetValue(appId)!,
                parse.GetValue(version),
                parse.GetValue(options),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(replace),
                parse.GetValue(json)),
            ct));
        return command;
    }
}
