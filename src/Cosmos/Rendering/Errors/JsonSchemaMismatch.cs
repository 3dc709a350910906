using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>
/// The merged options failed validation. <see cref="Errors"/> holds every validation error in the fge shape:
/// <c>level</c>, <c>schema{loadingURI,pointer}</c>, <c>instance{pointer}</c>, <c>domain</c>, <c>keyword</c>,
/// <c>message</c> plus keyword extras (cosmos-api.md §4.3).
/// </summary>
public sealed record JsonSchemaMismatch(IReadOnlyList<JsonObject> Errors) : CosmosError("Options JSON failed validation");
