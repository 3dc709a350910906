using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>A JSON value of the wrong shape, e.g. rendered <c>labels</c> with a non-string value.</summary>
public sealed record JsonDecodingError(string TypeName, string DecodingErrorMessage, string DecodeInput)
    : CosmosError($"Unable to decode the JSON value as a {TypeName}");
