using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Errors;

namespace Universe.Cosmos.Services;

/// <summary>The installed packages, read from Marathon app labels on every call (no cache, as in DC/OS Cosmos).</summary>
public sealed class InstalledPackages(IMarathonClient marathon)
{
    /// <summary>Apps with package labels, filtered by exact package name and/or app id, sorted by (name, appId).</summary>
    public async Task<IReadOnlyList<InstalledPackage>> ListAsync(string? packageName, string? appId, CancellationToken cancellationToken)
    {
        var normalizedAppId = string.IsNullOrEmpty(appId) ? null : AppIds.Normalize(appId);
        var apps = await marathon.ListAppsAsync(cancellationToken);
        return [.. apps
            .Select(InstalledPackageReader.Read)
            .OfType<InstalledPackage>()
            .Where(p => packageName is null || p.PackageName == packageName)
            .Where(p => normalizedAppId is null || p.AppId == normalizedAppId)
            .OrderBy(p => p.PackageName, StringComparer.Ordinal)
            .ThenBy(p => p.AppId, StringComparer.Ordinal)];
    }

    /// <summary>The app <paramref name="appId"/> as an installed package; <c>MarathonAppNotFound</c> or <c>ServicePackageUnknown</c> otherwise.</summary>
    public async Task<InstalledPackage> GetAsync(string appId, CancellationToken cancellationToken)
    {
        var app = await marathon.GetAppAsync(appId, cancellationToken)
            ?? throw new CosmosException(new MarathonAppNotFound(AppIds.Normalize(appId)));
        return InstalledPackageReader.Read(app) ?? throw new CosmosException(new ServicePackageUnknown(app.Id));
    }
}
