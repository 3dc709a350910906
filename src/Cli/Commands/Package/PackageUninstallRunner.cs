using Universe.Cli.Commands.Plugins;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Uninstalls a package after a typed confirmation on a terminal (<c>--yes</c> without one), including
/// <c>--all</c> (the whole answer line is compared, unlike the original). <c>--cli</c> removes only the local CLI
/// subcommand; without <c>--app</c> it is removed too once no instance of the package remains (or when only the
/// subcommand was installed).
/// </summary>
internal sealed class PackageUninstallRunner(Func<CosmosClient> cosmosFactory, PluginStore plugins, CliConsole console)
{
    private const string NotInstalled = "PackageNotInstalled";

    public async Task<int> RunAsync(PackageUninstallArgs args, CancellationToken cancellationToken)
    {
        if (args.Cli && (args.App || args.AppId is not null || args.All))
        {
            throw CliException.Usage("--cli cannot be used with --app, --app-id, or --all");
        }

        if (args.All && args.AppId is not null)
        {
            throw CliException.Usage("--all and --app-id are mutually exclusive");
        }

        if (args.Cli)
        {
            RemovePlugin(plugins.Get(args.Name) ?? throw new CliException($"Package [{args.Name}] is not installed"));
            return ExitCodes.Success;
        }

        var appId = args.AppId is null ? null : MarathonClient.NormalizeAppId(args.AppId);
        if (!Confirm(args, appId))
        {
            throw new CliException("cancelling uninstall");
        }

        var cosmos = cosmosFactory();
        var plugin = args.App ? null : plugins.Get(args.Name);
        UninstallResponse response;
        try
        {
            response = await cosmos.UninstallAsync(new UninstallRequest(args.Name, appId, args.All ? true : null), cancellationToken);
        }
        catch (CosmosApiException e) when (e.Type == NotInstalled && plugin is not null && appId is null)
        {
            RemovePlugin(plugin);
            return ExitCodes.Success;
        }

        foreach (var result in response.Results)
        {
            console.Error.WriteLine($"Uninstalled package [{result.PackageName}] version [{result.PackageVersion ?? "?"}]");
            if (!string.IsNullOrEmpty(result.PostUninstallNotes))
            {
                console.Error.WriteLine(result.PostUninstallNotes);
            }
        }

        if (plugin is not null && !await AnyInstanceLeftAsync(cosmos, args.Name, cancellationToken))
        {
            RemovePlugin(plugin);
        }

        return ExitCodes.Success;
    }

    private static async Task<bool> AnyInstanceLeftAsync(CosmosClient cosmos, string name, CancellationToken cancellationToken)
    {
        var left = await cosmos.ListAsync(new ListRequest(name, null), cancellationToken);
        return left.Packages.Any(p => JsonText.Str(p.PackageInformation.PackageDefinition["name"]) == name);
    }

    private void RemovePlugin(InstalledPlugin plugin)
    {
        plugins.Remove(plugin.PackageName);
        console.Error.WriteLine(
            $"Removed CLI subcommand 'dcos {plugin.Command}' of package [{plugin.PackageName}] version [{JsonText.Str(plugin.Package["version"]) ?? "?"}]");
    }

    private bool Confirm(PackageUninstallArgs args, string? appId)
    {
        var prompter = new Prompter(console);
        if (args.Yes)
        {
            return true;
        }

        if (args.All)
        {
            console.Error.WriteLine(
                $"WARNING: This action cannot be undone. This will uninstall all instances of the [{args.Name}] package, "
                + $"and delete all data for all {args.Name} instances.");
            var expected = $"uninstall all {args.Name}";
            return prompter.ConfirmTyped($"Please type '{expected}': ", expected, args.Yes);
        }

        var target = appId ?? args.Name;
        console.Error.WriteLine(
            $"WARNING: This action cannot be undone. This will uninstall [{target}] and delete all of its persistent data "
            + "(logs, configurations, database artifacts, everything).");
        var prompt = appId is null
            ? "Please type the name of the service to confirm: "
            : "Please type the full name of the app ID to confirm: ";
        return prompter.ConfirmTyped(prompt, target, args.Yes, appId is null ? null : MarathonClient.NormalizeAppId);
    }
}
