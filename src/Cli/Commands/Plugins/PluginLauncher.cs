using System.Diagnostics;
using Universe.Cli.Hosting;

namespace Universe.Cli.Commands.Plugins;

/// <summary>
/// Runs an installed subcommand: <c>dcos &lt;command&gt; args…</c> starts <c>dcos-&lt;command&gt; args…</c> and returns its
/// exit code. With the process console the plugin inherits stdin/stdout/stderr; with any other console (tests,
/// embedding) its output is copied into the console's writers and the console's input is fed to it.
/// <paramref name="environment"/> is added to the plugin's environment (the cluster URL and token).
/// </summary>
internal sealed class PluginLauncher(CliConsole console, IReadOnlyDictionary<string, string>? environment = null)
{
    public async Task<int> RunAsync(InstalledPlugin plugin, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(args);
        var inherit = ReferenceEquals(console.Out, Console.Out) && ReferenceEquals(console.Error, Console.Error);
        var start = new ProcessStartInfo(plugin.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = !inherit,
            RedirectStandardOutput = !inherit,
            RedirectStandardError = !inherit,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException($"cannot run the '{plugin.Command}' subcommand of package [{plugin.PackageName}]: {e.Message}", e);
        }

        if (inherit)
        {
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var input = await console.In.ReadToEndAsync(cancellationToken);
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The plugin exited without reading its input.
        }

        await process.WaitForExitAsync(cancellationToken);
        await console.Out.WriteAsync(await stdout);
        await console.Error.WriteAsync(await stderr);
        return process.ExitCode;
    }
}
