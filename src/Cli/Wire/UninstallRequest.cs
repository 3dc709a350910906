namespace Universe.Cli.Wire;

/// <summary><c>POST /package/uninstall</c> request.</summary>
public sealed record UninstallRequest(string PackageName, string? AppId, bool? All);
