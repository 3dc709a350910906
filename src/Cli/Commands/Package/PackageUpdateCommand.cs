using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// <c>dcos package update &lt;app-id&gt; [--options f] [--option key.path=value…] [--package-version v] [--replace]
/// [--dry-run] [--yes] [--wait] [--rollback-on-failure] [--timeout s] [--json]</c>.
/// </summary>
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
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print what would change (a unified diff of the app); apply nothing" };
        var yes = PackageOptions.Yes();
        var wait = new Option<bool>("--wait") { Description = "Wait until the updated app's tasks run and are healthy" };
        var rollback = new Option<bool>("--rollback-on-failure")
        {
            Description = "Wait for the new revision to become healthy; if it does not within --timeout, roll back and fail",
        };
        var timeout = PackageRollbackCommand.WaitTimeout();
        var json = new Option<bool>("--json") { Description = "Print the Cosmos update (or, with --dry-run, diff) response as JSON" };
        var command = new Command("update", "Update the options (or version) of an installed service")
        {
            appId, version, options, overrides, replace, dryRun, yes, wait, rollback, timeout, json,
        };
        command.SetAction((parse, ct) => run(
            new PackageUpdateArgs(
                parse.GetValue(appId)!,
                parse.GetValue(version),
                parse.GetValue(options),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(replace),
                parse.GetValue(json),
                parse.GetValue(dryRun),
                parse.GetValue(yes),
                parse.GetValue(wait),
                parse.GetValue(rollback),
                parse.GetValue(timeout)),
            ct));
        return command;
    }
}
