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

namespace Universe.Cosmos.Services;

/// <summary>
/// Steps 1–4 of <c>service/update</c> (cosmos-api.md §6.2) without applying anything: the installed service, its
/// package, the target revision (a <c>packageVersion</c> admitted by <c>upgradesFrom</c>/<c>downgradesTo</c>), the
/// options (replace or merge) and the rendered app. <c>service/update</c> and <c>service/diff</c> share it, so a diff
/// reports exactly the errors an update would.
/// </summary>
public sealed class UpdatePlanner(
    InstalledPackages installedPackages,
    IPackageResolver resolver,
    IPackageCatalog catalog,
    IPackageRenderer renderer)
{
    /// <summary>
    /// Plans the update. <paramref name="refuseVersionChange"/>: a version change neither list admits throws
    /// <c>VersionChangeNotAllowed</c> (update); otherwise it is reported in <see cref="UpdatePlan.VersionAllowed"/> (diff).
    /// </summary>
    public async Task<UpdatePlan> PlanAsync(
        string appId, string? packageVersion, JsonObject? requestOptions, bool replace, bool refuseVersionChange, CancellationToken cancellationToken)
    {
        var installed = await installedPackages.GetAsync(appId, cancellationToken);
        var current = await ServiceDescriber.PackageOfAsync(installed, resolver, cancellationToken);
        var installedVersion = installed.PackageVersion ?? current.Version;
        var target = current;
        var allowed = true;
        var source = installed.Source ?? string.Empty;
        if (packageVersion is { } requested && requested != installedVersion)
        {
            target = await resolver.ResolveAsync(current.Name, requested, cancellationToken);
            allowed = VersionTransitions.IsAllowed(installedVersion, current, target);
            if (!allowed && refuseVersionChange)
            {
                throw new CosmosException(new VersionChangeNotAllowed(current.Name, requested, installedVersion));
            }

            source = PackageSources.Find(await catalog.GetAsync(cancellationToken), target);
        }

        var options = Options(replace, requestOptions, installed.UserOptions);
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

        return new UpdatePlan(installed, current, installedVersion, target, allowed, options, rendered.ResolvedOptions, app);
    }

    /// <summary>The app the installed package and options render now (under the installed id), or null when they no longer render.</summary>
    public JsonObject? RenderInstalled(InstalledPackage installed, PackageDefinition current)
    {
        ArgumentNullException.ThrowIfNull(installed);
        try
        {
            return renderer.Render(current, installed.UserOptions, installed.AppId, installed.Source ?? string.Empty).MarathonJson;
        }
        catch (CosmosException)
        {
            return null;
        }
    }

    /// <summary>Defaults ⊕ the installed user options, or null when there are none or they no longer validate.</summary>
    public JsonObject? ResolveInstalled(InstalledPackage installed, PackageDefinition current)
    {
        ArgumentNullException.ThrowIfNull(installed);
        if (installed.UserOptions is null)
        {
            return null;
        }

        try
        {
            return renderer.ResolveOptions(current, installed.UserOptions);
        }
        catch (CosmosException)
        {
            return null;
        }
    }

    /// <summary>§6.2 step 3: replace → exactly the given options; merge → stored ⊕ given (stored required).</summary>
    internal static JsonObject? Options(bool replace, JsonObject? given, JsonObject? stored)
    {
        if (replace)
        {
            return given;
        }

        if (stored is null)
        {
            throw new CosmosException(new OptionsNotStored());
        }

        return given is null ? stored : JsonMerge.DeepMerge(stored, given);
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
}

/// <summary>
/// A planned update: the installed service and package, the installed version, the target package (the same when
/// the version does not change), whether that version change is admitted, the user options the app will carry, the
/// resolved options, and the rendered app (not yet sent).
/// </summary>
public sealed record UpdatePlan(
    InstalledPackage Installed,
    PackageDefinition Current,
    string InstalledVersion,
    PackageDefinition Target,
    bool VersionAllowed,
    JsonObject? UserOptions,
    JsonObject ResolvedOptions,
    JsonObject App);
