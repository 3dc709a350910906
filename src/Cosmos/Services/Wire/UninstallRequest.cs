namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /package/uninstall</c> (<c>package.uninstall-request</c> v1).</summary>
public sealed record UninstallRequest(
    string PackageName,
    string? AppId = null,
    bool? All = null,
    string? ManagerId = null,
    string? PackageVersion = null);
