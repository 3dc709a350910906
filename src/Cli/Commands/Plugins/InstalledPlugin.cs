using System.Text.Json.Nodes;

namespace Universe.Cli.Commands.Plugins;

/// <summary>A CLI subcommand installed under <c>&lt;config dir&gt;/subcommands/&lt;package&gt;/</c>.</summary>
/// <param name="PackageName">The package (directory) name.</param>
/// <param name="Command">The subcommand: <c>dcos &lt;Command&gt;</c> runs <see cref="ExecutablePath"/>.</param>
/// <param name="ExecutablePath">The absolute path of <c>env/bin/dcos-&lt;Command&gt;</c>.</param>
/// <param name="Package">The package definition copied at install time (<c>package.json</c>).</param>
internal sealed record InstalledPlugin(string PackageName, string Command, string ExecutablePath, JsonObject Package);
