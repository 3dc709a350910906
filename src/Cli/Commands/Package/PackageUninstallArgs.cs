namespace Universe.Cli.Commands.Package;

internal sealed record PackageUninstallArgs(string Name, string? AppId, bool All, bool Yes, bool App, bool Cli);
