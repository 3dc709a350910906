using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>Uninstall found no app of the package. 400.</summary>
public sealed record PackageNotInstalled(string PackageName) : CosmosError($"Package [{PackageName}] is not installed");
