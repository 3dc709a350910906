using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>service/update with <c>rollbackOnFailure.timeoutSeconds</c> outside 1–3600. 400.</summary>
public sealed record InvalidRollbackTimeout(int TimeoutSeconds)
    : CosmosError($"rollbackOnFailure.timeoutSeconds must be between 1 and 3600, not {TimeoutSeconds}");
