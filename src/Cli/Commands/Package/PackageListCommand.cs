using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package list [query] [--app-id id] [--json] [--cli]</c>.</summary>
internal static class PackageListCommand
{
    public static Command Create(Func<PackageListArgs, CancellationToken, Task<int>> run)
    {
        var query = new Argument<string>("query")
        {
            Description = "Only packages whose name or app id contains this text",
            DefaultValueFactory = _ => string.Empty,
        };
        PackageOptions.RejectFlags(query);
        var appId = new Option<string?>("--app-id") { Description = "Only the package installed with this app id" };
        var json = PackageOptions.Json();
        var cli = new Option<bool>("--cli") { Description = "Only locally installed CLI subcommands" };
        var command = new Command("list", "List the installed packages") { query, appId, json, cli };
        command.SetAction((parse, ct) => run(
            new PackageListArgs(parse.GetValue(query) ?? string.Empty, parse.GetValue(appId), parse.GetValue(json), parse.GetValue(cli)),
            ct));
        return command;
    }
}
