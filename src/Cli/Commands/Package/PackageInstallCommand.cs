using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package install &lt;name&gt; [--package-version v] [--options f] [--option k=v…] [--app-id id] [--yes] [--cli|--app] [--wait]</c>.</summary>
internal static class PackageInstallCommand
{
    public static Command Create(Func<PackageInstallArgs, CancellationToken, Task<int>> run)
    {
        var name = PackageOptions.Name();
        var version = PackageOptions.PackageVersion();
        var options = PackageOptions.OptionsFile();
        var overrides = PackageOptions.Overrides();
        var appId = PackageOptions.AppId();
        var yes = PackageOptions.Yes();
        var cli = new Option<bool>("--cli") { Description = "Install only the CLI subcommand" };
        var app = new Option<bool>("--app") { Description = "Install only the Marathon app" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the app's tasks run and are healthy" };
        var timeout = new Option<int>("--timeout")
        {
            Description = "With --wait: give up after this many seconds",
            DefaultValueFactory = _ => 600,
        };
        var global = new Option<bool>("--global") { Description = "Deprecated and ignored", Hidden = true };
        var command = new Command("install", "Install a package")
        {
            name, version, options, overrides, appId, yes, cli, app, wait, timeout, global,
        };
        command.SetAction((parse, ct) => run(
            new PackageInstallArgs(
                parse.GetValue(name)!,
                parse.GetValue(version),
                parse.GetValue(options),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(appId),
                parse.GetValue(yes),
                parse.GetValue(cli),
                parse.GetValue(app),
                parse.GetValue(wait),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
                parse.GetValue(global)),
            ct));
        return command;
    }
}
