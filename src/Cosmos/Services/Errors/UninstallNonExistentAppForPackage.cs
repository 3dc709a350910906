using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>Uninstall with an <c>appId</c> Marathon does not know. 400.</summary>
public sealed record UninstallNonExistentAppForPackage(string PackageName, string AppId)
    : CosmosError($"Package [{PackageName}] with id [{AppId}] is not installed");
