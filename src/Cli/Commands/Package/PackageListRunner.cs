using System.Globalization;
using System.Text.Json.Nodes;
using Universe.Cli.Commands.Plugins;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Lists installed packages grouped by name and version: a NAME VERSION CERTIFIED APP COMMAND DESCRIPTION table,
/// or with <c>--json</c> an array of package objects (keys sorted) with their <c>apps</c>. Locally installed CLI
/// subcommands are merged in (their command in COMMAND); <c>--cli</c> lists only them, without asking Cosmos.
/// </summary>
internal sealed class PackageListRunner(Func<CosmosClient> cosmosFactory, PluginStore plugins, CliConsole console)
{
    private static readonly HashSet<string> OmittedFields = ["config", "marathon", "resource"];

    public async Task<int> RunAsync(PackageListArgs args, CancellationToken cancellationToken)
    {
        if (args.AppId is not null && args.Query.Length > 0)
        {
            throw CliException.Usage("cannot use the flags `--app-id` and an argument at the same time");
        }

        var packages = args.Cli ? [] : Group(await cosmosFactory().ListAsync(new ListRequest(null, null), cancellationToken), args);
        packages = MergePlugins(packages, plugins.List(), args);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(new JsonArray([.. packages])));
            return ExitCodes.Success;
        }

        if (packages.Count == 0)
        {
            throw new CliException("cannot find packages matching the provided filter");
        }

        var table = new TableWriter(["NAME", "VERSION", "CERTIFIED", "APP", "COMMAND", "DESCRIPTION"]);
        foreach (var package in packages)
        {
            var apps = (package["apps"] as JsonArray ?? []).Select(a => JsonText.Str(a)).OfType<string>().ToList();
            table.AddRow(
                JsonText.Str(package["name"]) ?? string.Empty,
                JsonText.Str(package["version"]) ?? string.Empty,
                JsonText.Bool(package["selected"]) ? "true" : "false",
                apps.Count == 0 ? "---" : string.Join('\n', apps),
                JsonText.Str(package["command"]?["name"]) ?? "---",
                TextCut.ListDescription(JsonText.Str(package["description"])));
        }

        table.Write(console.Out);
        return ExitCodes.Success;
    }

    /// <summary>Filters the installed apps and groups them by package name and version, sorted by name+version.</summary>
    internal static List<JsonObject> Group(ListResponse response, PackageListArgs args)
    {
        var wantedAppId = args.AppId is null ? null : MarathonClient.NormalizeAppId(args.AppId);
        var groups = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var installed in response.Packages)
        {
            var definition = installed.PackageInformation.PackageDefinition;
            var name = JsonText.Str(definition["name"]) ?? string.Empty;
            var version = JsonText.Str(definition["version"]) ?? string.Empty;
            var appId = MarathonClient.NormalizeAppId(installed.AppId);
            if (wantedAppId is not null && appId != wantedAppId)
            {
                continue;
            }

            if (args.Query.Length > 0
                && !name.Contains(args.Query, StringComparison.Ordinal)
                && !appId.Contains(args.Query, StringComparison.Ordinal))
            {
                continue;
            }

            var key = name + version;
            if (!groups.TryGetValue(key, out var package))
            {
                package = ToListEntry(definition);
                groups[key] = package;
            }

            ((JsonArray)package["apps"]!).Add((JsonNode?)JsonValue.Create(appId));
        }

        return [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Sorted(g.Value))];
    }

    /// <summary>Sets COMMAND of listed packages with a local subcommand and adds subcommand-only packages.</summary>
    internal static List<JsonObject> MergePlugins(List<JsonObject> packages, IReadOnlyList<InstalledPlugin> local, PackageListArgs args)
    {
        if (local.Count == 0)
        {
            return packages;
        }

        var merged = new List<JsonObject>(packages);
        foreach (var plugin in local)
        {
            var command = new JsonObject { ["name"] = plugin.Command };
            var listed = packages.Where(p => JsonText.Str(p["name"]) == plugin.PackageName).ToList();
            foreach (var package in listed)
            {
                package["command"] = command.DeepClone();
            }

            if (listed.Count > 0 || args.AppId is not null
                || (args.Query.Length > 0 && !plugin.PackageName.Contains(args.Query, StringComparison.Ordinal)))
            {
                continue;
            }

            var entry = ToListEntry(plugin.Package);
            entry["command"] = command;
            merged.Add(Sorted(entry));
        }

        return [.. merged.OrderBy(p => JsonText.Str(p["name"]) + JsonText.Str(p["version"]), StringComparer.Ordinal).Select(Sorted)];
    }

    private static JsonObject ToListEntry(JsonObject definition)
    {
        var entry = new JsonObject { ["apps"] = new JsonArray() };
        foreach (var (key, value) in definition)
        {
            if (!OmittedFields.Contains(key))
            {
                entry[key] = value?.DeepClone();
            }
        }

        entry["selected"] ??= false;
        entry["framework"] ??= false;
        var packaging = JsonText.Str(definition["packagingVersion"]);
        if (double.TryParse(packaging, NumberStyles.Float, CultureInfo.InvariantCulture, out var packagingVersion)
            && packagingVersion < 4.0
            && entry["name"] is { } name)
        {
            entry["command"] = new JsonObject { ["name"] = name.DeepClone() };
        }

        return entry;
    }

    private static JsonObject Sorted(JsonObject entry)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in entry.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            entry.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}
