using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>service/rollback to a revision the app's Marathon versions do not hold (pruned or never existed). 400.</summary>
public sealed record RevisionNotFound(string AppId, int Revision, IReadOnlyList<int> Available)
    : CosmosError($"Service [{AppId}] has no revision [{Revision}]; the revisions kept are [{string.Join(", ", Available)}]");
