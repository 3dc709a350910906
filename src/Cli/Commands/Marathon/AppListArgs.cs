namespace Universe.Cli.Commands.Marathon;

internal sealed record AppListArgs(bool Json, bool Quiet);
