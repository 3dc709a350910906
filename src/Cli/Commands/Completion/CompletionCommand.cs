using System.CommandLine;

namespace Universe.Cli.Commands.Completion;

/// <summary><c>dcos completion bash|zsh</c>: prints a shell completion script.</summary>
internal static class CompletionCommand
{
    public static Command Create(Func<CompletionArgs, CancellationToken, Task<int>> run)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command(
            "completion",
            "Print a shell completion script: eval \"$(dcos completion bash)\", or for zsh: source <(dcos completion zsh)")
        {
            shell,
        };
        command.SetAction((parse, ct) => run(new CompletionArgs(parse.GetValue(shell)!), ct));
        return command;
    }
}
