using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Uninstalls a package after a typed confirmation on a terminal (<c>--yes</c> without one), including
/// <c>--all</c> (the whole answer line is compared, unlike the original).
/// </summary>
internal sealed class PackageUninstallRunner(CosmosClient cosmos, CliConsole console)
{
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
            throw new CliException($"no CLI subcommand of package [{args.Name}] is installed (this CLI does not install CLI subcommands)");
        }

        var appId = args.AppId is null ? null : MarathonClient.NormalizeAppId(args.AppId);
        if (!Confirm(args, appId))
        {
            throw new CliException("cancelling uninstall");
        }

        var response = await cosmos.UninstallAsync(new UninstallRequest(args.Name, appId, args.All ? true : null), cancellationToken);
        foreach (var result in response.Results)
        {
            console.Error.WriteLine($"Uninstalled package [{result.PackageName}] version [{result.PackageVersion ?? "?"}]");
            if (!string.IsNullOrEmpty(result.PostUninstallNotes))
            {
                console.Error.WriteLine(result.PostUninstallNotes);
            }
        }

        return ExitCodes.Success;
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
