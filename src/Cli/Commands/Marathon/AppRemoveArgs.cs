namespace Universe.Cli.Commands.Marathon;

internal sealed record AppRemoveArgs(string AppId, bool Force);
