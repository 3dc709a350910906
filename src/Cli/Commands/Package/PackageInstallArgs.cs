namespace Universe.Cli.Commands.Package;

internal sealed record PackageInstallArgs(
    string Name,
    string? PackageVersion,
    string? OptionsFile,
    IReadOnlyList<string> Overrides,
    string? AppId,
    bool Yes,
    bool Cli,
    bool App,
    bool Wait,
    TimeSpan WaitTimeout,
    bool Global = false);
