using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Rendering.Marathon;

/// <summary>
/// <c>DCOS_PACKAGE_DEFINITION</c> (cosmos-api.md §4.5): base64 of the compact storage envelope
/// <c>{"metadata":{"Content-Type":"application/vnd.dcos.universe.package+json;charset=utf-8;version=vN","Content-Encoding":"gzip"},"data":base64(gzip(package JSON))}</c>.
/// The package JSON is the repository form without unknown fields and without nulls. Cached per package instance.
/// </summary>
public static class PackageDefinitionLabel
{
    private static readonly ConditionalWeakTable<PackageDefinition, string> Cache = [];

    private static readonly string[] CommonFields =
    [
        "packagingVersion", "name", "version", "releaseVersion", "maintainer", "description", "tags", "selected",
        "scm", "website", "framework", "preInstallNotes", "postInstallNotes", "postUninstallNotes", "licenses",
        "marathon", "config", "resource",
    ];

    /// <summary>The label value for <paramref name="package"/>.</summary>
    public static string Encode(PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Cache.GetValue(package, Build);
    }

    /// <summary>The media type the envelope names: <c>version</c> follows <c>packagingVersion</c> (2.0 → v2 … 5.0 → v5).</summary>
    public static string MediaType(string packagingVersion) =>
        $"application/vnd.dcos.universe.package+json;charset=utf-8;version=v{packagingVersion.Split('.')[0]}";

    /// <summary>The package as Cosmos re-encodes it: only the fields its packaging version knows (§11), in repository order.</summary>
    public static JsonObject KnownFields(PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var version = package.PackagingVersion;
        var result = new JsonObject();
        foreach (var (key, value) in package.Json)
        {
            if (IsKnown(key, version))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static bool IsKnown(string key, string packagingVersion)
    {
        if (CommonFields.Contains(key))
        {
            return true;
        }

        return key switch
        {
            "command" => packagingVersion is "2.0" or "3.0",
            "minDcosReleaseVersion" or "lastUpdated" or "hasKnownIssues" => packagingVersion != "2.0",
            "upgradesFrom" or "downgradesTo" => packagingVersion is "4.0" or "5.0",
            "manager" => packagingVersion == "5.0",
            _ => false,
        };
    }

    private static string Build(PackageDefinition package)
    {
        var json = CompactJson.ToUtf8(KnownFields(package), dropNulls: true);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        var envelope = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["Content-Type"] = MediaType(package.PackagingVersion),
                ["Content-Encoding"] = "gzip",
            },
            ["data"] = Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length),
        };
        return Convert.ToBase64String(CompactJson.ToUtf8(envelope, dropNulls: true));
    }
}
