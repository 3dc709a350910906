namespace Universe.Cli.Commands.Marathon;

internal sealed record AppRestartArgs(string AppId, bool Force);
