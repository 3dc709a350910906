using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /package/install</c> v2 response.</summary>
public sealed record InstallResponse(string PackageName, string PackageVersion, string? AppId, string? PostInstallNotes, JsonObject? Cli);
