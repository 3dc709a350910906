using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>Searches packages: a NAME VERSION CERTIFIED FRAMEWORK DESCRIPTION table, or the raw response with <c>--json</c>.</summary>
internal sealed class PackageSearchRunner(CosmosClient cosmos, CliConsole console)
{
    public async Task<int> RunAsync(PackageSearchArgs args, CancellationToken cancellationToken)
    {
        var query = string.IsNullOrWhiteSpace(args.Query) ? null : args.Query.Trim();
        var response = await cosmos.SearchAsync(query, cancellationToken);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(response, CliJsonContext.Default.SearchResponse));
            return ExitCodes.Success;
        }

        if (response.Packages.Count == 0 && query is not null)
        {
            throw new CliException("no packages found");
        }

        var table = new TableWriter(["NAME", "VERSION", "CERTIFIED", "FRAMEWORK", "DESCRIPTION"]);
        foreach (var package in response.Packages)
        {
            table.AddRow(
                package.Name,
                package.CurrentVersion,
                Bool(package.Selected ?? false),
                Bool(package.Framework),
                TextCut.SearchDescription(package.Description));
        }

        table.Write(console.Out);
        return ExitCodes.Success;
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
