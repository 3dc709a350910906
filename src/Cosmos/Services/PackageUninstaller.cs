using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary>
/// <c>package/uninstall</c> (cosmos-api.md §5.2): find the package's apps, refuse ambiguity unless <c>all</c>, then
/// <c>DELETE /v2/apps/{id}?force=true</c> each. There is no Mesos master to tear frameworks down on, so the
/// framework teardown step is skipped; SDK services are deleted like any app.
/// </summary>
public sealed partial class PackageUninstaller(
    IMarathonClient marathon,
    IPackageResolver resolver,
    ILogger<PackageUninstaller> logger)
{
    public async Task<UninstallResponse> UninstallAsync(UninstallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = await CandidatesAsync(request, cancellationToken);
        var matching = candidates
            .Select(InstalledPackageReader.Read)
            .OfType<InstalledPackage>()
            .Where(p => p.PackageName == request.PackageName)
            .Where(p => request.PackageVersion is null || p.PackageVersion == request.PackageVersion)
            .OrderBy(p => p.AppId, StringComparer.Ordinal)
            .ToList();
        if (matching.Count == 0)
        {
            throw new CosmosException(new PackageNotInstalled(request.PackageName));
        }

        if (matching.Count > 1 && request.All != true)
        {
            throw new CosmosException(new AmbiguousAppId(request.PackageName, [.. matching.Select(p => p.AppId)]));
        }

        var results = new List<UninstallResult>(matching.Count);
        foreach (var installed in matching)
        {
            var deleted = await marathon.DeleteAppAsync(installed.AppId, cancellationToken);
            if (deleted.Found && deleted.StatusCode != 200)
            {
                throw new CosmosException(new MarathonAppDeleteError(installed.AppId));
            }

            LogUninstalled(installed.PackageName, installed.AppId);
            var notes = await PostUninstallNotesAsync(installed, cancellationToken);
            results.Add(new UninstallResult(installed.PackageName, installed.AppId, installed.PackageVersion, notes));
        }

        return new UninstallResponse(results);
    }

    private async Task<IReadOnlyList<MarathonApp>> CandidatesAsync(UninstallRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.AppId))
        {
            return await marathon.ListAppsAsync(cancellationToken);
        }

        var app = await marathon.GetAppAsync(request.AppId, cancellationToken)
            ?? throw new CosmosException(new UninstallNonExistentAppForPackage(request.PackageName, AppIds.Normalize(request.AppId)));
        return [app];
    }

    private async Task<string?> PostUninstallNotesAsync(InstalledPackage installed, CancellationToken cancellationToken)
    {
        if (installed.Package is not null)
        {
            return installed.Package.PostUninstallNotes;
        }

        if (installed.Details["postUninstallNotes"]?.GetValue<string>() is { } fromMetadata)
        {
            return fromMetadata;
        }

        if (installed.PackageVersion is null)
        {
            return null;
        }

        try
        {
            return (await resolver.ResolveAsync(installed.PackageName, installed.PackageVersion, cancellationToken)).PostUninstallNotes;
        }
        catch (CosmosException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uninstalled {PackageName} app {AppId}")]
    private partial void LogUninstalled(string packageName, string appId);
}
