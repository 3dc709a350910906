using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /package/install</c> request.</summary>
public sealed record InstallRequest(string PackageName, string? PackageVersion, JsonObject? Options, string? AppId);
