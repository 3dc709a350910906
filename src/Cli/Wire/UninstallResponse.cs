namespace Universe.Cli.Wire;

/// <summary><c>POST /package/uninstall</c> response.</summary>
public sealed record UninstallResponse(IReadOnlyList<UninstallResult> Results);
