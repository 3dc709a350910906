using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package uninstall &lt;name&gt; [--app-id id] [--all] [--yes] [--app|--cli]</c>.</summary>
internal static class PackageUninstallCommand
{
    public static Command Create(Func<PackageUninstallArgs, CancellationToken, Task<int>> run)
    {
        var name = PackageOptions.Name();
        var appId = PackageOptions.AppId();
        var all = new Option<bool>("--all") { Description = "Uninstall every instance of the package" };
        var yes = PackageOptions.Yes();
        var app = new Option<bool>("--app") { Description = "Uninstall only the Marathon app" };
        var cli = new Option<bool>("--cli") { Description = "Uninstall only the CLI subcommand" };
        var command = new Command("uninstall", "Uninstall a package") { name, appId, all, yes, app, cli };
        command.SetAction((parse, ct) => run(
            new PackageUninstallArgs(
                parse.GetValue(name)!,
                parse.GetValue(appId),
                parse.GetValue(all),
                parse.GetValue(yes),
                parse.GetValue(app),
                parse.GetValue(cli)),
            ct));
        return command;
    }
}
