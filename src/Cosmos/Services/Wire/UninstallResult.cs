namespace Universe.Cosmos.Services.Wire;

/// <summary>One uninstalled app.</summary>
public sealed record UninstallResult(string PackageName, string AppId, string? PackageVersion = null, string? PostUninstallNotes = null);
