using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary><c>service.update-response</c> v1: the package as in the repository (not URL-rewritten).</summary>
public sealed record ServiceUpdateResponse(JsonObject Package, JsonObject ResolvedOptions, string MarathonDeploymentId);
