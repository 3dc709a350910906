using Universe.Cosmos.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services.Errors;

/// <summary>
/// service/update with <c>rollbackOnFailure</c>: the new revision did not finish deploying with every instance
/// healthy in time, so Cosmos rolled back. <see cref="Failures"/> are the failing tasks with their last failure message. 400.
/// </summary>
public sealed record UpdateRolledBack(
    string AppId,
    int FailedRevision,
    int RolledBackTo,
    int TimeoutSeconds,
    IReadOnlyList<TaskFailureInfo> Failures,
    string MarathonDeploymentId)
    : CosmosError(
        $"The update of [{AppId}] (revision {FailedRevision}) did not become healthy within {TimeoutSeconds} seconds and was rolled back to revision {RolledBackTo}: "
        + (Failures.Count == 0 ? "no task failure was reported" : string.Join("; ", Failures.Select(f => f.ToString()))));
