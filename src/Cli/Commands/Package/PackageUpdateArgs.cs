namespace Universe.Cli.Commands.Package;

internal sealed record PackageUpdateArgs(
    string AppId,
    string? PackageVersion,
    string? OptionsFile,
    IReadOnlyList<string> Overrides,
    bool Replace,
    bool Json,
    bool DryRun = false,
    bool Yes = false,
    bool Wait = false,
    bool RollbackOnFailure = false,
    int TimeoutSeconds = 600);
