namespace Universe.Cli.Commands.Marathon;

internal sealed record AppStopArgs(string AppId, bool Force);
