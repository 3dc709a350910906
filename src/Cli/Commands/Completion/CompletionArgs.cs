namespace Universe.Cli.Commands.Completion;

internal sealed record CompletionArgs(string Shell);
