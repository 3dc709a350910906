using System.Text.Json.Nodes;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary>An installed package as a <c>package/list</c> entry. Pure.</summary>
public static class ListEntries
{
    /// <summary>The entry: details, <c>assets</c> and <c>images</c> with proxied URLs (CLI info dropped), the user options.</summary>
    public static Installation ToInstallation(InstalledPackage installed, string proxyPrefix)
    {
        ArgumentNullException.ThrowIfNull(installed);
        JsonObject? resourceDefinition = null;
        if (installed.Resource is { } resource)
        {
            var kept = new JsonObject();
            foreach (var key in (string[])["assets", "images"])
            {
                if (resource[key] is { } value)
                {
                    kept[key] = value.DeepClone();
                }
            }

            resourceDefinition = ResourceUrls.Rewrite(kept, proxyPrefix);
        }

        return new Installation(
            installed.AppId,
            new PackageInformation((JsonObject)installed.Details.DeepClone(), resourceDefinition),
            installed.UserOptions is null ? null : (JsonObject)installed.UserOptions.DeepClone());
    }
}
