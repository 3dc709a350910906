using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>service/update rendered an app whose <c>id</c> differs from the installed one. 400.</summary>
public sealed record AppIdChanged(string NewAppId, string OldAppId)
    : CosmosError($"The new appId {NewAppId} must be equal to the old appId {OldAppId}");
