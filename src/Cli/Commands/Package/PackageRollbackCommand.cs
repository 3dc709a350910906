using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package rollback &lt;app-id&gt; [--revision N] [--yes] [--wait [--timeout s]] [--json]</c>.</summary>
internal static class PackageRollbackCommand
{
    public static Command Create(Func<PackageRollbackArgs, CancellationToken, Task<int>> run)
    {
        var appId = PackageOptions.RejectFlags(new Argument<string>("app-id") { Description = "The Marathon app id of the installed service" });
        var revision = new Option<int?>("--revision") { Description = "The revision to go back to (default: the one before the current)" };
        var yes = PackageOptions.Yes();
        var wait = new Option<bool>("--wait") { Description = "Wait until the rolled-back app's tasks run and are healthy" };
        var timeout = WaitTimeout();
        var json = new Option<bool>("--json") { Description = "Print the Cosmos rollback response as JSON" };
        var command = new Command("rollback", "Roll an installed service back to an earlier revision") { appId, revision, yes, wait, timeout, json };
        command.SetAction((parse, ct) => run(
            new PackageRollbackArgs(
                parse.GetValue(appId)!,
                parse.GetValue(revision),
                parse.GetValue(yes),
                parse.GetValue(wait),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                parse.GetValue(json)),
            ct));
        return command;
    }

    /// <summary><c>--timeout</c> in seconds (default 600), shared by the commands that wait for a deployment.</summary>
    internal static Option<int> WaitTimeout() => new("--timeout")
    {
        Description = "With --wait or --rollback-on-failure: give up after this many seconds",
        DefaultValueFactory = _ => 600,
    };
}
