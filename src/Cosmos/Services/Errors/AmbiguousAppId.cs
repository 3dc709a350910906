using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>Uninstall without <c>appId</c> and without <c>all</c> matched several apps. 400.</summary>
public sealed record AmbiguousAppId(string PackageName, IReadOnlyList<string> AppIds)
    : CosmosError($"Multiple apps named [{PackageName}] are installed: [{string.Join(", ", AppIds)}]");
