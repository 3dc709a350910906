namespace Universe.Cli.Commands.Package;

internal sealed record PackageRenderArgs(string Name, string? PackageVersion, string? OptionsFile, IReadOnlyList<string> Overrides, string? AppId);
