using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>The rendered template is not JSON. <see cref="ParsingInput"/> is the whole rendered text.</summary>
public sealed record JsonParsingError(string UnderlyingType, string ParsingErrorMessage, string ParsingInput)
    : CosmosError("Unable to parse the string as a JSON value");
