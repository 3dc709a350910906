using System.Text.Json;
using System.Text.Json.Serialization;

namespace Universe.Cosmos.Errors;

/// <summary>The DC/OS Cosmos error envelope.</summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Data = null);
