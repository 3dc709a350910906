using System.Text.Json.Nodes;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Rendering.Options;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary>
/// <c>service/update</c> (cosmos-api.md §6.2): new options (replace or merge over the stored ones) and, beyond DC/OS
/// Cosmos, a new <c>packageVersion</c> where the target's <c>upgradesFrom</c> or the installed package's
/// <c>downgradesTo</c> admits it; then <c>PUT /v2/apps/{id}?force=true&amp;partialUpdate=false</c>.
/// </summary>
public sealed partial class ServiceUpdater(
    InstalledPackages installedPackages,
    IPackageResolver resolver,
    IPackageCatalog catalog,
    IPackageRenderer renderer,
    IMarathonClient marathon,
    ILogger<ServiceUpdater> logger)
{
    public async Task<ServiceUpdateResponse> UpdateAsync(ServiceUpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var installed = await installedPackages.GetAsync(request.AppId, cancellationToken);
        var current = await ServiceDescriber.PackageOfAsync(installed, resolver, cancellationToken);
        var installedVersion = installed.PackageVersion ?? current.Version;
        var target = current;
        var source = installed.Source ?? string.Empty;
        if (request.PackageVersion is { } requested && requested != installedVersion)
        {
            target = await resolver.ResolveAsync(current.Name, requested, cancellationToken);
            if (!VersionTransitions.IsAllowed(installedVersion, current, target))
            {
                throw new CosmosException(new VersionChangeNotAllowed(current.Name, requested, installedVersion));
            }

            source = PackageSources.Find(await catalog.GetAsync(cancellationToken), target);
        }

        var options = Options(request, installed.UserOptions);
        var rendered = renderer.Render(target, options, null, source);
        var app = rendered.MarathonJson ?? throw new CosmosException(new ServiceMarathonTemplateNotFound(target.Name, target.Version));
        var renderedId = AppIds.Normalize(app["id"] is JsonValue id && id.TryGetValue(out string? s) ? s : string.Empty);
        if (renderedId != installed.AppId)
        {
            if (!InstalledWithCustomAppId(installed, current))
            {
                throw new CosmosException(new AppIdChanged(renderedId, installed.AppId));
            }

            rendered = renderer.Render(target, options, installed.AppId, source);
            app = rendered.MarathonJson!;
        }

        var deploymentId = await marathon.ReplaceAppAsync(installed.AppId, app, cancellationToken);
        LogUpdated(installed.AppId, target.Name, target.Version, deploymentId);
        return new ServiceUpdateResponse((JsonObject)target.Json.DeepClone(), rendered.ResolvedOptions, deploymentId);
    }

    /// <summary>§6.2 step 3: replace → exactly the given options; merge → stored ⊕ given (stored required).</summary>
    internal static JsonObject? Options(ServiceUpdateRequest request, JsonObject? stored)
    {
        if (request.Replace)
        {
            return request.Options;
        }

        if (stored is null)
        {
            throw new CosmosException(new OptionsNotStored());
        }

        return request.Options is null ? stored : JsonMerge.DeepMerge(stored, request.Options);
    }

    /// <summary>
    /// Whether the app's id is not what its own package and options render (an install with <c>appId</c>): then
    /// the update keeps the id instead of failing with <c>AppIdChanged</c> as DC/OS Cosmos did.
    /// </summary>
    private bool InstalledWithCustomAppId(InstalledPackage installed, PackageDefinition current)
    {
        try
        {
            var original = renderer.Render(current, installed.UserOptions, null, installed.Source ?? string.Empty).MarathonJson;
            var originalId = original?["id"] is JsonValue v && v.TryGetValue(out string? s) ? AppIds.Normalize(s) : null;
            return originalId != installed.AppId;
        }
        catch (CosmosException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated {AppId} to {PackageName} {PackageVersion} (deployment {DeploymentId})")]
    private partial void LogUpdated(string appId, string packageName, string packageVersion, string deploymentId);
}
