using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>Non-empty options for a package without <c>config</c>.</summary>
public sealed record OptionsNotAllowed() : CosmosError("No schema available to validate the provided options");
