using System.CommandLine;
using Universe.Cli.Hosting;

namespace Universe.Cli.Commands.Completion;

/// <summary>Prints the completion script for the requested shell.</summary>
internal sealed class CompletionRunner(Command root, CliConsole console)
{
    public Task<int> RunAsync(CompletionArgs args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        console.Out.Write(args.Shell == "zsh" ? CompletionScripts.Zsh(root) : CompletionScripts.Bash(root));
        return Task.FromResult(ExitCodes.Success);
    }
}
