using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>service/update with <c>replace: false</c> of an app without a <c>DCOS_PACKAGE_OPTIONS</c> label. 400.</summary>
public sealed record OptionsNotStored() : CosmosError("The options of the current service were not stored");
