using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>
/// service/update to a <c>packageVersion</c> that neither the target's <c>upgradesFrom</c> nor the installed package's
/// <c>downgradesTo</c> admits. 400. (DC/OS Cosmos refused every version change with <c>VersionUpgradeNotSupportedInOpen</c>.)
/// </summary>
public sealed record VersionChangeNotAllowed(string PackageName, string Requested, string Actual)
    : CosmosError($"Package [{PackageName}] cannot change from version [{Actual}] to version [{Requested}]: neither upgradesFrom nor downgradesTo allows it");
