using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /service/update</c> response.</summary>
public sealed record ServiceUpdateResponse(JsonObject Package, JsonObject? ResolvedOptions, string MarathonDeploymentId);
