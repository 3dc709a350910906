using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>Marathon answered 4xx (other than 401/403/409) with <c>{message, details?}</c>: Marathon's message, <c>data.errors</c> = its details. 400.</summary>
public sealed record MarathonBadResponse([property: JsonIgnore] string MarathonMessage, JsonNode? Errors)
    : CosmosError(MarathonMessage);
