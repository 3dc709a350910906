namespace Universe.Cli.Commands.Package;

internal sealed record PackageHistoryArgs(string AppId, bool Json);
