namespace Universe.Cli.Commands.Marathon;

internal sealed record AppAddArgs(string? Resource);
