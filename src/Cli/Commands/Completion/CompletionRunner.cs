using System.CommandLine;
using Universe.Cli.Hosting;

namespace Universe.Cli.Commands.Completion;

/// <summary>Prints the completion script for the requested shell, with the plugin commands installed now.</summary>
internal sealed class CompletionRunner(Command root, CliConsole console, Func<IReadOnlyList<string>>? pluginCommands = null)
{
    public Task<int> RunAsync(CompletionArgs args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var plugins = pluginCommands?.Invoke() ?? [];
        console.Out.Write(args.Shell == "zsh" ? CompletionScripts.Zsh(root, plugins) : CompletionScripts.Bash(root, plugins));
        return Task.FromResult(ExitCodes.Success);
    }
}
