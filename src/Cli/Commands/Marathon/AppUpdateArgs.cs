namespace Universe.Cli.Commands.Marathon;

internal sealed record AppUpdateArgs(string AppId, IReadOnlyList<string> Properties, bool Force);
