namespace Universe.Cli.Commands.Package;

internal sealed record PackageDescribeArgs(
    string Name,
    string? PackageVersion,
    bool PackageVersions,
    bool Config,
    bool App,
    bool Cli,
    bool Render,
    string? OptionsFile,
    IReadOnlyList<string> Overrides,
    string? AppId);
