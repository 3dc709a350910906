using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Catalog;

/// <summary>
/// Package definitions re-encoded as Cosmos re-encodes its decoded model: only the fields of the package's
/// packagingVersion (unknown ones dropped, absent ones omitted), resource URLs rewritten to the proxy.
/// </summary>
public static class PackageJson
{
    private static readonly string[] CommonFields =
    [
        "packagingVersion", "name", "version", "releaseVersion", "maintainer", "description", "tags", "selected", "scm",
        "website", "framework", "preInstallNotes", "postInstallNotes", "postUninstallNotes", "licenses",
    ];

    private static readonly string[] V2DescribeFields =
    [
        "packagingVersion", "name", "version", "maintainer", "description", "tags", "selected", "scm", "website",
        "framework", "preInstallNotes", "postInstallNotes", "postUninstallNotes", "licenses", "minDcosReleaseVersion",
        "marathon", "resource", "config", "command",
    ];

    /// <summary>The definition as a v3 describe, service/describe or package label shows it.</summary>
    public static JsonObject ToDefinition(PackageDefinition package, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(package);
        var version = package.PackagingVersion;
        var fields = new List<string>(CommonFields);
        if (version != "2.0")
        {
            fields.Add("minDcosReleaseVersion");
        }

        fields.AddRange(["marathon", "resource", "config"]);
        if (version is "2.0" or "3.0")
        {
            fields.Add("command");
        }

        if (version is "4.0" or "5.0")
        {
            fields.AddRange(["upgradesFrom", "downgradesTo"]);
        }

        if (version == "5.0")
        {
            fields.Add("manager");
        }

        if (version != "2.0")
        {
            fields.AddRange(["lastUpdated", "hasKnownIssues"]);
        }

        return Copy(package, fields, baseUri);
    }

    /// <summary>
    /// The flat v2 describe response. A 4.0 package without upgradesFrom/downgradesTo is reported as 3.0; a 4.0
    /// package using them, and any 5.0 package, throw <see cref="ConversionFromPackageToV2DescribeResponse"/>.
    /// </summary>
    public static JsonObject ToV2Describe(PackageDefinition package, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(package);
        var usesUpdates = package.UpgradesFrom is { Count: > 0 } || package.DowngradesTo is { Count: > 0 };
        if (package.PackagingVersion == "5.0" || (package.PackagingVersion == "4.0" && usesUpdates))
        {
            throw new CosmosException(new ConversionFromPackageToV2DescribeResponse());
        }

        var json = Copy(package, V2DescribeFields, baseUri);
        if (package.PackagingVersion == "4.0")
        {
            json["packagingVersion"] = "3.0";
        }

        json["selected"] = package.Selected;
        json["framework"] = package.Framework;
        return json;
    }

    private static JsonObject Copy(PackageDefinition package, IEnumerable<string> fields, string baseUri)
    {
        var json = new JsonObject();
        foreach (var field in fields)
        {
            var value = package.Json[field];
            if (value is null)
            {
                continue;
            }

            json[field] = field == "resource" && value is JsonObject resource
                ? ResourceUrls.RewriteResource(resource, baseUri)
                : value.DeepClone();
        }

        return json;
    }
}
