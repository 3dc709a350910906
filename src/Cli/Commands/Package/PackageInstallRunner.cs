using System.Text.Json.Nodes;
using Universe.Cli.Commands.Plugins;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Installs a package the way the original CLI does: describe (notes, certification), prompt unless
/// <c>--yes</c>, install the Marathon app, print the post-install notes; with <c>--wait</c>, follow the app until
/// its tasks run and are healthy; then install the CLI subcommand (<see cref="PluginInstaller"/>) unless <c>--app</c>.
/// </summary>
internal sealed class PackageInstallRunner(
    CosmosClient cosmos,
    Func<MarathonClient> marathon,
    PluginStore plugins,
    CliConsole console,
    TimeProvider time)
{
    private const string TermsUrl = "https://mesosphere.com/catalog-terms-conditions/";

    public async Task<int> RunAsync(PackageInstallArgs args, CancellationToken cancellationToken)
    {
        if (args.App && args.Cli)
        {
            throw CliException.Usage("--app and --cli are mutually exclusive");
        }

        if (args.Wait && args.Cli)
        {
            throw CliException.Usage("--wait cannot be used with --cli");
        }

        if (args.Global)
        {
            console.Error.WriteLine("Usage of --global is deprecated and ignored.");
        }

        var options = OptionsInput.Load(args.OptionsFile, args.Overrides);
        var package = (await cosmos.DescribeAsync(args.Name, args.PackageVersion, cancellationToken)).Package;
        var version = JsonText.Str(package["version"]) ?? args.PackageVersion ?? "?";
        var selected = JsonText.Bool(package["selected"]);
        var hasApp = package["marathon"]?["v2AppMustacheTemplate"] is not null;
        var hasCli = PluginBinary.HasCli(package);
        var installApp = hasApp && !args.Cli;
        var installCli = hasCli && !args.App;

        if (!selected)
        {
            console.Error.WriteLine(
                "This is a Community service. Community services are not tested for production environments. "
                + "There may be bugs, incomplete features, incorrect documentation, or other discrepancies.");
        }

        console.Error.WriteLine(
            $"By Deploying, you agree to the Terms and Conditions {TermsUrl}{(selected ? "#certified-services" : "#community-services")}");
        var preInstallNotes = JsonText.Str(package["preInstallNotes"]);
        if (installApp && !string.IsNullOrEmpty(preInstallNotes))
        {
            console.Error.WriteLine(preInstallNotes);
        }

        if (!new Prompter(console).Confirm("Continue installing?", args.Yes))
        {
            throw new CliException("couldn't get confirmation");
        }

        string? appId = null;
        if (installApp)
        {
            console.Error.WriteLine($"Installing Marathon app for package [{args.Name}] version [{version}]");
            var installed = await cosmos.InstallAsync(
                new InstallRequest(args.Name, JsonText.Str(package["version"]) ?? args.PackageVersion, options, args.AppId),
                cancellationToken);
            appId = installed.AppId;
            if (!string.IsNullOrEmpty(installed.PostInstallNotes))
            {
                console.Error.WriteLine(installed.PostInstallNotes);
            }
        }

        if (installCli)
        {
            await new PluginInstaller(cosmos, plugins, console).InstallAsync(package, args.Name, version, cancellationToken);
        }

        if (!installApp && !installCli)
        {
            throw new CliException($"Package [{args.Name}] has nothing to install{(args.Cli ? " with --cli" : string.Empty)}");
        }

        if (args.Wait && appId is not null)
        {
            await new DeploymentWatcher(marathon(), console, time).WaitAsync(appId, args.WaitTimeout, cancellationToken);
        }

        return ExitCodes.Success;
    }
}
