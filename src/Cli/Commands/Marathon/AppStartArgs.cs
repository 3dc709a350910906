namespace Universe.Cli.Commands.Marathon;

internal sealed record AppStartArgs(string AppId, int Instances, bool Force);
