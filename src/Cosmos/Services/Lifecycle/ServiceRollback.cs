using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// <c>service/rollback</c>: back to a kept revision (default: the one before the current) by a normal Marathon
/// deployment of that version's app definition (its package labels included), so it works when the package
/// version is gone from every repository. The new revision is labelled <c>rollback</c> with the revision it went to.
/// </summary>
public sealed partial class ServiceRollback(ServiceHistory history, IMarathonClient marathon, ILogger<ServiceRollback> logger)
{
    public async Task<ServiceRollbackResponse> RollbackAsync(ServiceRollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = await history.LoadAsync(request.AppId, cancellationToken);
        var appId = loaded.Current.Id;
        var newest = loaded.Newest ?? throw new CosmosException(new NoPreviousRevision(appId));
        ClassifiedVersion target;
        if (request.Revision is { } wanted)
        {
            target = loaded.Versions.LastOrDefault(v => v.Revision == wanted)
                ?? throw new CosmosException(new RevisionNotFound(appId, wanted, [.. loaded.Versions.Select(v => v.Revision).Reverse()]));
        }
        else
        {
            target = loaded.Versions.Count >= 2 ? loaded.Versions[^2] : throw new CosmosException(new NoPreviousRevision(appId));
        }

        var revision = newest.Revision + 1;
        var app = new ChangeRecord(ChangeRecord.Rollback, revision, To: target.Revision).ApplyTo(Redeploy.Body(target.App.Json));
        var deploymentId = await marathon.ReplaceAppAsync(appId, app, cancellationToken);
        LogRolledBack(appId, target.Revision, revision, deploymentId);
        return new ServiceRollbackResponse(
            appId,
            revision,
            target.Revision,
            target.App.Label(PackageLabels.Name),
            target.App.Label(PackageLabels.Version),
            PackageLabels.DecodeOptions(target.App.Label(PackageLabels.Options)),
            deploymentId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled {AppId} back to revision {Target} as revision {Revision} (deployment {DeploymentId})")]
    private partial void LogRolledBack(string appId, int target, int revision, string deploymentId);
}
