using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>Prints a service's revisions (Cosmos <c>service/history</c>): a table, or the response as JSON.</summary>
internal sealed class PackageHistoryRunner(CosmosClient cosmos, CliConsole console)
{
    private const int MaxOptionsWidth = 60;

    public async Task<int> RunAsync(PackageHistoryArgs args, CancellationToken cancellationToken)
    {
        var history = await cosmos.ServiceHistoryAsync(MarathonClient.NormalizeAppId(args.AppId), cancellationToken);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(history, CliJsonContext.Default.ServiceHistoryResponse));
            return ExitCodes.Success;
        }

        var table = new TableWriter(["REVISION", "UPDATED", "CHANGE", "PACKAGE", "VERSION", "STATUS", "OPTIONS"]) { LeftAlignAll = true };
        foreach (var revision in history.Revisions)
        {
            table.AddRow(
                revision.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) + (revision.Current == true ? " *" : string.Empty),
                revision.Version,
                revision.RollbackTo is { } to ? $"rollback to {to}" : revision.Change,
                revision.PackageName ?? "---",
                revision.PackageVersion ?? "---",
                Status(revision.Deployment),
                Options(revision.Options));
        }

        table.Write(console.Out);
        return ExitCodes.Success;
    }

    private static string Status(RevisionDeployment? deployment) => deployment switch
    {
        null => "---",
        { Status: "deployed", TasksRunning: { } running } => $"deployed ({running} running{(deployment.TasksHealthy is > 0 ? $", {deployment.TasksHealthy} healthy" : string.Empty)})",
        _ => deployment.Status,
    };

    private static string Options(JsonObject? options)
    {
        var text = options?.ToJsonString() ?? "---";
        return text.Length > MaxOptionsWidth ? text[..(MaxOptionsWidth - 3)] + "..." : text;
    }
}
