using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /service/update</c> request.</summary>
public sealed record ServiceUpdateRequest(string AppId, string? PackageVersion, JsonObject? Options, bool Replace);
