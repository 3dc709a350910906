using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package describe &lt;name&gt; [--package-version v] [--package-versions] [--config] [--app] [--cli] [--render] [--options f] [--app-id id]</c>.</summary>
internal static class PackageDescribeCommand
{
    public static Command Create(Func<PackageDescribeArgs, CancellationToken, Task<int>> run)
    {
        var name = PackageOptions.Name();
        var version = PackageOptions.PackageVersion();
        var versions = new Option<bool>("--package-versions") { Description = "Print every version of the package" };
        var config = new Option<bool>("--config") { Description = "Print the package's options JSON Schema" };
        var app = new Option<bool>("--app") { Description = "Print the Marathon app template (with --render: the rendered app)" };
        var cli = new Option<bool>("--cli") { Description = "Print the package's CLI resource" };
        var render = new Option<bool>("--render") { Description = "Render the Marathon app with the options" };
        var options = PackageOptions.OptionsFile();
        var overrides = PackageOptions.Overrides();
        var appId = PackageOptions.AppId();
        var command = new Command("describe", "Show a package's definition")
        {
            name, version, versions, config, app, cli, render, options, overrides, appId,
        };
        command.SetAction((parse, ct) => run(
            new PackageDescribeArgs(
                parse.GetValue(name)!,
                parse.GetValue(version),
                parse.GetValue(versions),
                parse.GetValue(config),
                parse.GetValue(app),
                parse.GetValue(cli),
                parse.GetValue(render),
                parse.GetValue(options),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(appId)),
            ct));
        return command;
    }
}
