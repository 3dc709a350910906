namespace Universe.Cli.Commands.Marathon;

internal sealed record AppShowArgs(string AppId);
