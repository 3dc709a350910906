namespace Universe.Cli.Commands.Package;

internal sealed record PackageListArgs(string Query, string? AppId, bool Json, bool Cli);
