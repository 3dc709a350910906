using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /package/render</c> request.</summary>
public sealed record RenderRequest(string PackageName, string? PackageVersion, string? AppId, JsonObject? Options);
