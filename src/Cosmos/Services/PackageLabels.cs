using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services;

/// <summary>
/// Reads the package labels Cosmos puts on Marathon apps (cosmos-api.md §4.5), including the historical sets:
/// <c>DCOS_PACKAGE_DEFINITION</c> (storage envelope, ≥ 0.4), <c>DCOS_PACKAGE_METADATA</c> (0.1–0.6.1) and the plain
/// name/version/source/release labels. Pure; a label that does not decode yields null.
/// </summary>
public static class PackageLabels
{
    public const string Name = "DCOS_PACKAGE_NAME";
    public const string Version = "DCOS_PACKAGE_VERSION";
    public const string Source = "DCOS_PACKAGE_SOURCE";
    public const string Options = "DCOS_PACKAGE_OPTIONS";
    public const string Definition = "DCOS_PACKAGE_DEFINITION";
    public const string Metadata = "DCOS_PACKAGE_METADATA";
    public const string RegistryVersion = "DCOS_PACKAGE_REGISTRY_VERSION";
    public const string Release = "DCOS_PACKAGE_RELEASE";
    public const string IsFramework = "DCOS_PACKAGE_IS_FRAMEWORK";

    private const string PackageMediaTypePrefix = "application/vnd.dcos.universe.package+json";

    /// <summary>The package JSON inside a <c>DCOS_PACKAGE_DEFINITION</c> envelope (plain or gzip data), or null.</summary>
    public static JsonObject? DecodeDefinition(string? label)
    {
        if (string.IsNullOrEmpty(label) || DecodeBase64Json(label) is not JsonObject envelope)
        {
            return null;
        }

        var metadata = envelope["metadata"] as JsonObject;
        var contentType = metadata?["Content-Type"]?.GetValue<string>();
        var encoding = metadata?["Content-Encoding"]?.GetValue<string>();
        if (contentType is null || !contentType.StartsWith(PackageMediaTypePrefix, StringComparison.OrdinalIgnoreCase)
            || envelope["data"] is not JsonValue data || !data.TryGetValue(out string? payload))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(payload);
            if (encoding is not null)
            {
                if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                bytes = Gunzip(bytes);
            }

            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The user options in <c>DCOS_PACKAGE_OPTIONS</c>, or null when absent or undecodable.</summary>
    public static JsonObject? DecodeOptions(string? label) =>
        string.IsNullOrEmpty(label) ? null : DecodeBase64Json(label) as JsonObject;

    /// <summary>The package details in a historical <c>DCOS_PACKAGE_METADATA</c> label (with <c>images</c>), or null.</summary>
    public static JsonObject? DecodeMetadata(string? label) =>
        string.IsNullOrEmpty(label) ? null : DecodeBase64Json(label) as JsonObject;

    private static JsonNode? DecodeBase64Json(string label)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(label.Trim())));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new MemoryStream(bytes);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
