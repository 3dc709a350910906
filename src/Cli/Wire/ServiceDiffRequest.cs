using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /service/diff</c> request (the fields of <c>service/update</c>).</summary>
public sealed record ServiceDiffRequest(string AppId, string? PackageVersion, JsonObject? Options, bool Replace);
