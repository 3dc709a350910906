namespace Universe.Cli.Commands.Package;

internal sealed record PackageSearchArgs(string Query, bool Json);
