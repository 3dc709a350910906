using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Services;

/// <summary>Turns a Marathon app with package labels (any Cosmos era) into an <see cref="InstalledPackage"/>. Pure.</summary>
public static class InstalledPackageReader
{
    private static readonly string[] DetailFields =
    [
        "packagingVersion", "name", "version", "maintainer", "description", "tags", "selected", "scm", "website",
        "framework", "preInstallNotes", "postInstallNotes", "postUninstallNotes", "licenses", "minDcosReleaseVersion",
    ];

    /// <summary>The installed package, or null when the app has no <c>DCOS_PACKAGE_NAME</c> label.</summary>
    public static InstalledPackage? Read(MarathonApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var name = app.Label(PackageLabels.Name);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var version = app.Label(PackageLabels.Version);
        var options = PackageLabels.DecodeOptions(app.Label(PackageLabels.Options));
        var source = app.Label(PackageLabels.Source);
        if (PackageLabels.DecodeDefinition(app.Label(PackageLabels.Definition)) is { } definitionJson && TryPackage(definitionJson) is { } package)
        {
            return new InstalledPackage(app, name, version ?? package.Version, package, Details(definitionJson), package.Resource, options, source);
        }

        if (PackageLabels.DecodeMetadata(app.Label(PackageLabels.Metadata)) is { } metadata)
        {
            var details = Details(metadata);
            details["name"] ??= name;
            if (version is not null)
            {
                details["version"] ??= version;
            }

            details["packagingVersion"] ??= app.Label(PackageLabels.RegistryVersion) ?? "2.0";
            var resource = metadata["images"] is JsonObject images ? new JsonObject { ["images"] = images.DeepClone() } : null;
            return new InstalledPackage(app, name, version, null, details, resource, options, source);
        }

        var minimal = new JsonObject
        {
            ["packagingVersion"] = app.Label(PackageLabels.RegistryVersion) ?? "2.0",
            ["name"] = name,
            ["version"] = version,
        };
        if (app.Label(PackageLabels.IsFramework) is { } framework)
        {
            minimal["framework"] = string.Equals(framework, "true", StringComparison.OrdinalIgnoreCase);
        }

        return new InstalledPackage(app, name, version, null, Details(minimal), null, options, source);
    }

    /// <summary>The package details of a package or metadata JSON: the detail fields, <c>selected</c>/<c>framework</c> defaulted to false.</summary>
    public static JsonObject Details(JsonObject package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var details = new JsonObject();
        foreach (var field in DetailFields)
        {
            if (package[field] is { } value)
            {
                details[field] = value.DeepClone();
            }
        }

        details["selected"] ??= false;
        details["framework"] ??= false;
        return details;
    }

    private static PackageDefinition? TryPackage(JsonObject json)
    {
        try
        {
            return new PackageDefinition(json);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
