using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// <see cref="PackageDefinition"/>: the package details (no config, template or resource; <c>selected</c> and
/// <c>framework</c> always present); <see cref="ResourceDefinition"/>: <c>assets</c> and <c>images</c> with proxied URLs.
/// </summary>
public sealed record PackageInformation(JsonObject PackageDefinition, JsonObject? ResourceDefinition = null);
