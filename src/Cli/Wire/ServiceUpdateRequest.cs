using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /service/update</c> request (<see cref="RollbackOnFailure"/>: Universe's extension).</summary>
public sealed record ServiceUpdateRequest(string AppId, string? PackageVersion, JsonObject? Options, bool Replace, RollbackOnFailure? RollbackOnFailure = null);
