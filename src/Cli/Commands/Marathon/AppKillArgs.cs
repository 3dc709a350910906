namespace Universe.Cli.Commands.Marathon;

internal sealed record AppKillArgs(string AppId, bool Scale, string? Host);
