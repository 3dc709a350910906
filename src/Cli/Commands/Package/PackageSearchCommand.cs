using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package search [query] [--json]</c>.</summary>
internal static class PackageSearchCommand
{
    public static Command Create(Func<PackageSearchArgs, CancellationToken, Task<int>> run)
    {
        var query = new Argument<string>("query")
        {
            Description = "Text to match in names, descriptions and tags (* wildcards allowed)",
            DefaultValueFactory = _ => string.Empty,
        };
        PackageOptions.RejectFlags(query);
        var json = new Option<bool>("--json") { Description = "Print the Cosmos search response as JSON" };
        var command = new Command("search", "Search the packages of the configured repositories") { query, json };
        command.SetAction((parse, ct) => run(new PackageSearchArgs(parse.GetValue(query) ?? string.Empty, parse.GetValue(json)), ct));
        return command;
    }
}
