using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>service/rollback without <c>revision</c> of a service that has only its current revision. 400.</summary>
public sealed record NoPreviousRevision(string AppId)
    : CosmosError($"Service [{AppId}] has no revision before the current one to roll back to");
