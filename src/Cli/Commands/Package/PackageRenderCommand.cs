using System.CommandLine;

namespace Universe.Cli.Commands.Package;

/// <summary><c>dcos package render &lt;name&gt; [--package-version v] [--options f] [--option key.path=value…] [--app-id id]</c>.</summary>
internal static class PackageRenderCommand
{
    public static Command Create(Func<PackageRenderArgs, CancellationToken, Task<int>> run)
    {
        var name = PackageOptions.Name();
        var version = PackageOptions.PackageVersion();
        var options = PackageOptions.OptionsFile();
        var overrides = PackageOptions.Overrides();
        var appId = PackageOptions.AppId();
        var command = new Command("render", "Print the Marathon app a package would install, without installing it")
        {
            name, version, options, overrides, appId,
        };
        command.SetAction((parse, ct) => run(
            new PackageRenderArgs(
                parse.GetValue(name)!,
                parse.GetValue(version),
                parse.GetValue(options),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(appId)),
            ct));
        return command;
    }
}
