namespace Universe.Cli.Wire;

/// <summary>One uninstalled app.</summary>
public sealed record UninstallResult(string PackageName, string? AppId, string? PackageVersion, string? PostUninstallNotes);
