using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// <c>service/history</c>: a service's revisions, derived on every call from Marathon's app versions
/// (<c>GET /v2/apps/{id}/versions</c> and <c>…/versions/{v}</c>) and the package labels they carry; nothing else is
/// stored. Versions are immutable in Marathon, so fetched ones are cached (bounded) by app id and version.
/// </summary>
public sealed class ServiceHistory(IMarathonClient marathon, IPackageRenderer renderer)
{
    private const int MaxCachedVersions = 4096;
    private const int MaxCachedDefinitions = 256;
    private const int MaxParallelFetches = 8;

    private readonly ConcurrentDictionary<(string AppId, string Version), MarathonApp> _versions = new();
    private readonly ConcurrentDictionary<string, PackageDefinition?> _definitions = new(StringComparer.Ordinal);

    public async Task<ServiceHistoryResponse> HistoryAsync(ServiceHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var history = await LoadAsync(request.AppId, cancellationToken);
        return new ServiceHistoryResponse(history.Current.Id, [.. history.Versions.Reverse().Select(v => ToWire(v, history))]);
    }

    /// <summary>The live app and its classified versions, oldest first (the live version last).</summary>
    internal async Task<LoadedHistory> LoadAsync(string appId, CancellationToken cancellationToken)
    {
        var normalized = AppIds.Normalize(appId);
        AppIds.ToPath(normalized);
        var appTask = marathon.GetAppAsync(normalized, cancellationToken);
        var versionsTask = marathon.ListAppVersionsAsync(normalized, cancellationToken);
        var current = await appTask ?? throw new CosmosException(new MarathonAppNotFound(normalized));
        var versions = (await versionsTask ?? throw new CosmosException(new MarathonAppNotFound(normalized))).ToList();
        var currentVersion = JsonRead.Str(current.Json["version"]);
        if (currentVersion is not null && !versions.Contains(currentVersion))
        {
            versions.Add(currentVersion);
        }

        versions.Sort(StringComparer.Ordinal);
        var apps = new MarathonApp?[versions.Count];
        using var gate = new SemaphoreSlim(MaxParallelFetches);
        await Task.WhenAll(versions.Select(async (version, i) =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                apps[i] = await VersionAsync(current.Id, version, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new LoadedHistory(current, HistoryClassifier.Classify([.. apps.OfType<MarathonApp>()]));
    }

    /// <summary>The package inside a version's <c>DCOS_PACKAGE_DEFINITION</c> label (decoded once per label value), or null.</summary>
    internal PackageDefinition? PackageOf(MarathonApp app)
    {
        var label = app.Label(PackageLabels.Definition);
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        if (_definitions.TryGetValue(label, out var cached))
        {
            return cached;
        }

        PackageDefinition? package = null;
        if (PackageLabels.DecodeDefinition(label) is { } json)
        {
            try
            {
                package = new PackageDefinition(json);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                package = null;
            }
        }

        if (_definitions.Count >= MaxCachedDefinitions)
        {
            _definitions.Clear();
        }

        _definitions[label] = package;
        return package;
    }

    private async Task<MarathonApp?> VersionAsync(string appId, string version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((appId, version), out var cached))
        {
            return cached;
        }

        var app = await marathon.GetAppVersionAsync(appId, version, cancellationToken);
        if (app is null)
        {
            return null;
        }

        if (_versions.Count >= MaxCachedVersions)
        {
            _versions.Clear();
        }

        _versions[(appId, version)] = app;
        return app;
    }

    private ServiceRevision ToWire(ClassifiedVersion version, LoadedHistory history)
    {
        var app = version.App;
        var options = PackageLabels.DecodeOptions(app.Label(PackageLabels.Options));
        JsonObject? resolved = null;
        if (options is not null && PackageOf(app) is { } package)
        {
            try
            {
                resolved = renderer.ResolveOptions(package, options);
            }
            catch (CosmosException)
            {
                resolved = null;
            }
        }

        var isCurrent = ReferenceEquals(version, history.Versions[^1]);
        return new ServiceRevision(
            version.Revision,
            version.Version,
            version.Change,
            app.Label(PackageLabels.Name),
            app.Label(PackageLabels.Version),
            options,
            resolved,
            app.Json["instances"] is JsonValue n && n.TryGetValue(out int instances) ? instances : null,
            version.Change == ChangeRecord.Rollback ? version.Record?.To : null,
            Deployment(version, history, isCurrent),
            isCurrent ? true : null);
    }

    private static RevisionDeployment? Deployment(ClassifiedVersion version, LoadedHistory history, bool isCurrent)
    {
        var failedBy = history.Versions.FirstOrDefault(v => v.Record?.Failed == version.Revision && v.Revision > version.Revision);
        if (failedBy is not null)
        {
            return new RevisionDeployment("failed", Message: failedBy.Record!.Reason);
        }

        if (!isCurrent)
        {
            return null;
        }

        var app = history.Current.Json;
        var failure = app["lastTaskFailure"] is JsonObject f && JsonRead.Str(f["version"]) == version.Version ? JsonRead.Str(f["message"]) : null;
        var deploymentId = (app["deployments"] as JsonArray)?.OfType<JsonObject>().Select(d => JsonRead.Str(d["id"])).FirstOrDefault(id => id is not null);
        return new RevisionDeployment(
            deploymentId is null ? "deployed" : "deploying",
            deploymentId,
            JsonRead.Int(app["tasksRunning"]),
            JsonRead.Int(app["tasksHealthy"]),
            failure);
    }
}
