using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Lifecycle;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary>
/// <c>service/update</c> (cosmos-api.md §6.2): new options (replace or merge over the stored ones) and, beyond DC/OS
/// Cosmos, a new <c>packageVersion</c> where the target's <c>upgradesFrom</c> or the installed package's
/// <c>downgradesTo</c> admits it; then <c>PUT /v2/apps/{id}?force=true&amp;partialUpdate=false</c> with the change
/// recorded in <c>DCOS_PACKAGE_CHANGE</c>. With <c>rollbackOnFailure</c> it waits for the deployment to finish with
/// every instance healthy and otherwise rolls back to the revision it replaced and answers <c>UpdateRolledBack</c>.
/// </summary>
public sealed partial class ServiceUpdater(
    UpdatePlanner planner,
    ServiceHistory history,
    ServiceHealthWaiter waiter,
    IMarathonClient marathon,
    ILogger<ServiceUpdater> logger)
{
    public const int MaxRollbackTimeoutSeconds = 3600;

    public async Task<ServiceUpdateResponse> UpdateAsync(ServiceUpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RollbackOnFailure is { TimeoutSeconds: < 1 or > MaxRollbackTimeoutSeconds } invalid)
        {
            throw new CosmosException(new InvalidRollbackTimeout(invalid.TimeoutSeconds));
        }

        var plan = await planner.PlanAsync(request.AppId, request.PackageVersion, request.Options, request.Replace, refuseVersionChange: true, cancellationToken);
        var appId = plan.Installed.AppId;
        var loaded = await history.LoadAsync(appId, cancellationToken);
        var previous = loaded.Newest;
        var revision = (previous?.Revision ?? 0) + 1;
        var app = new ChangeRecord(ChangeRecord.Update, revision).ApplyTo(plan.App);
        var deploymentId = await marathon.ReplaceAppAsync(appId, app, cancellationToken);
        LogUpdated(appId, plan.Target.Name, plan.Target.Version, revision, deploymentId);
        if (request.RollbackOnFailure is { } rollback && previous is not null)
        {
            var failures = await waiter.WaitAsync(appId, TimeSpan.FromSeconds(rollback.TimeoutSeconds), cancellationToken);
            if (failures is not null)
            {
                var reason = string.Join("; ", failures.Select(f => f.ToString()));
                var record = new ChangeRecord(ChangeRecord.Rollback, revision + 1, To: previous.Revision, Failed: revision, Reason: reason);
                var rollbackDeployment = await marathon.ReplaceAppAsync(appId, record.ApplyTo(Redeploy.Body(previous.App.Json)), cancellationToken);
                LogRolledBackAfterFailure(appId, revision, previous.Revision, reason);
                throw new CosmosException(new UpdateRolledBack(appId, revision, previous.Revision, rollback.TimeoutSeconds, failures, rollbackDeployment));
            }
        }

        return new ServiceUpdateResponse((JsonObject)plan.Target.Json.DeepClone(), plan.ResolvedOptions, deploymentId);
    }

    /// <summary>§6.2 step 3 (see <see cref="UpdatePlanner.Options"/>).</summary>
    internal static JsonObject? Options(ServiceUpdateRequest request, JsonObject? stored) =>
        UpdatePlanner.Options(request.Replace, request.Options, stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {AppId} to {PackageName} {PackageVersion} as revision {Revision} (deployment {DeploymentId})")]
    private partial void LogUpdated(string appId, string packageName, string packageVersion, int revision, string deploymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update of {AppId} to revision {Revision} did not become healthy; rolled back to revision {Previous}: {Reason}")]
    private partial void LogRolledBackAfterFailure(string appId, int revision, int previous, string reason);
}
