using System.Text.Json.Nodes;

namespace Universe.Cosmos.Marathon;

/// <summary>
/// The Marathon v2 calls Cosmos makes (marathon-api.md §0), against an external Marathon or the bundled Runtime
/// (same HTTP code path). Failures Marathon reports are thrown as <see cref="Universe.Cosmos.Errors.CosmosException"/>
/// with the mapping of cosmos-api.md §4.1 (<see cref="MarathonErrors"/>); outcomes a caller branches on are return values.
/// </summary>
public interface IMarathonClient
{
    /// <summary><c>GET /v2/apps</c>: every app (with labels).</summary>
    Task<IReadOnlyList<MarathonApp>> ListAppsAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /v2/apps/{id}</c>; null when Marathon answers 404.</summary>
    Task<MarathonApp?> GetAppAsync(string appId, CancellationToken cancellationToken);

    /// <summary><c>POST /v2/apps</c>. Returns the created app's id (normalised to start with <c>/</c>), or null on 409 (the id exists).</summary>
    Task<string?> CreateAppAsync(JsonObject app, CancellationToken cancellationToken);

    /// <summary><c>PUT /v2/apps/{id}?force=true&amp;partialUpdate=false</c>: full replacement. Returns the deployment id.</summary>
    Task<string> ReplaceAppAsync(string appId, JsonObject app, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v2/apps/{id}?force=true</c>. Returns the deployment id, or null when the app does not exist (404).</summary>
    Task<MarathonDeleteResult> DeleteAppAsync(string appId, CancellationToken cancellationToken);

    /// <summary><c>GET /v2/apps/{id}/versions</c>: the version timestamps Marathon keeps, newest first; null when the app does not exist.</summary>
    Task<IReadOnlyList<string>?> ListAppVersionsAsync(string appId, CancellationToken cancellationToken);

    /// <summary><c>GET /v2/apps/{id}/versions/{version}</c>: the app as it was at that version; null on 404.</summary>
    Task<MarathonApp?> GetAppVersionAsync(string appId, string version, CancellationToken cancellationToken);

    /// <summary><c>GET /v2/deployments</c>: the ids of the deployments in progress.</summary>
    Task<IReadOnlyList<string>> ListDeploymentIdsAsync(CancellationToken cancellationToken);
}

/// <summary>Outcome of <see cref="IMarathonClient.DeleteAppAsync"/>: <see cref="Found"/> false on 404; otherwise the status and deployment id Marathon returned.</summary>
public sealed record MarathonDeleteResult(bool Found, int StatusCode, string? DeploymentId);
