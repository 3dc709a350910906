namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// A revision's deployment outcome: <c>deploying</c> (a deployment is in progress; <see cref="DeploymentId"/>),
/// <c>deployed</c> (the current revision, no deployment left; task counts), or <c>failed</c> (rolled back because it
/// never became healthy; <see cref="Message"/> names the failure). <see cref="Message"/> also carries the app's last
/// task failure when it happened in this revision.
/// </summary>
public sealed record RevisionDeployment(
    string Status,
    string? DeploymentId = null,
    int? TasksRunning = null,
    int? TasksHealthy = null,
    string? Message = null);
