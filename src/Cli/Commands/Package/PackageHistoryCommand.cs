using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package history &lt;app-id&gt; [--json]</c>.</summary>
internal static class PackageHistoryCommand
{
    public static Command Create(Func<PackageHistoryArgs, CancellationToken, Task<int>> run)
    {
        var appId = PackageOptions.RejectFlags(new Argument<string>("app-id") { Description = "The Marathon app id of the installed service" });
        var json = PackageOptions.Json();
        var command = new Command("history", "Show the revisions of an installed service, newest first") { appId, json };
        command.SetAction((parse, ct) => run(new PackageHistoryArgs(parse.GetValue(appId)!, parse.GetValue(json)), ct));
        return command;
    }
}
