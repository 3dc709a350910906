using System.Text.Json.Nodes;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary><c>service/describe</c> (cosmos-api.md §6.1): the installed package, where it may move to, and its options.</summary>
public sealed class ServiceDescriber(
    InstalledPackages installedPackages,
    IPackageResolver resolver,
    IPackageCatalog catalog,
    IPackageRenderer renderer)
{
    public async Task<ServiceDescribeResponse> DescribeAsync(ServiceDescribeRequest request, string proxyPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var installed = await installedPackages.GetAsync(request.AppId, cancellationToken);
        var package = await PackageOfAsync(installed, resolver, cancellationToken);
        var revisions = PackageRevisions.Of(await catalog.GetAsync(cancellationToken), package.Name);
        var version = installed.PackageVersion ?? package.Version;
        JsonObject? resolved = null;
        if (installed.UserOptions is not null)
        {
            try
            {
                resolved = renderer.ResolveOptions(package, installed.UserOptions);
            }
            catch (CosmosException)
            {
                resolved = null;
            }
        }

        return new ServiceDescribeResponse(
            WithProxiedResource(package, proxyPrefix),
            VersionTransitions.UpgradesTo(version, revisions),
            VersionTransitions.DowngradesTo(package, revisions),
            resolved,
            installed.UserOptions);
    }

    /// <summary>The installed package: from its <c>DCOS_PACKAGE_DEFINITION</c> label, else looked up by name and version.</summary>
    internal static async Task<PackageDefinition> PackageOfAsync(InstalledPackage installed, IPackageResolver resolver, CancellationToken cancellationToken)
    {
        if (installed.Package is not null)
        {
            return installed.Package;
        }

        if (installed.PackageVersion is null)
        {
            throw new CosmosException(new ServicePackageUnknown(installed.AppId));
        }

        return await resolver.ResolveAsync(installed.PackageName, installed.PackageVersion, cancellationToken);
    }

    private static JsonObject WithProxiedResource(PackageDefinition package, string proxyPrefix)
    {
        var json = (JsonObject)package.Json.DeepClone();
        if (json["resource"] is JsonObject resource)
        {
            json["resource"] = ResourceUrls.Rewrite(resource, proxyPrefix);
        }

        return json;
    }
}
