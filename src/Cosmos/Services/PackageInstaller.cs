using System.Text.Json.Nodes;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary><c>package/install</c> (cosmos-api.md §2.6, §4.1): resolve, render, <c>POST /v2/apps</c>.</summary>
public sealed partial class PackageInstaller(
    IPackageResolver resolver,
    IPackageCatalog catalog,
    IPackageRenderer renderer,
    IMarathonClient marathon,
    ILogger<PackageInstaller> logger)
{
    /// <summary>Installs and returns the v2 response. <paramref name="v1"/>: a package without a template is <c>ServiceMarathonTemplateNotFound</c>.</summary>
    public async Task<InstallResponse> InstallAsync(InstallRequest request, bool v1, string proxyPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.AppId))
        {
            AppIds.Validate(request.AppId);
        }

        var package = await resolver.ResolveAsync(request.PackageName, request.PackageVersion, cancellationToken);
        var cli = package.Resource?["cli"] is JsonObject cliNode
            ? (JsonObject?)ResourceUrls.Rewrite(new JsonObject { ["cli"] = cliNode.DeepClone() }, proxyPrefix)["cli"]!.DeepClone()
            : null;
        if (package.MarathonTemplate is null)
        {
            if (v1)
            {
                throw new CosmosException(new ServiceMarathonTemplateNotFound(package.Name, package.Version));
            }

            LogInstalledCliOnly(package.Name, package.Version);
            return new InstallResponse(package.Name, package.Version, null, package.PostInstallNotes, cli);
        }

        var source = PackageSources.Find(await catalog.GetAsync(cancellationToken), package);
        var rendered = renderer.Render(package, request.Options, request.AppId, source);
        var app = new Lifecycle.ChangeRecord(Lifecycle.ChangeRecord.Install, 1).ApplyTo(
            rendered.MarathonJson ?? throw new CosmosException(new ServiceMarathonTemplateNotFound(package.Name, package.Version)));
        var appId = await marathon.CreateAppAsync(app, cancellationToken)
            ?? throw new CosmosException(new PackageAlreadyInstalled());
        LogInstalled(package.Name, package.Version, appId);
        return new InstallResponse(package.Name, package.Version, appId, package.PostInstallNotes, cli);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed {PackageName} {PackageVersion} as {AppId}")]
    private partial void LogInstalled(string packageName, string packageVersion, string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed CLI-only package {PackageName} {PackageVersion}")]
    private partial void LogInstalledCliOnly(string packageName, string packageVersion);
}
