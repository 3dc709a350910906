using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Mirroring;

/// <summary>The HTTP resources and Docker images of one package revision.</summary>
public sealed record PackageArtifacts(PackageDefinition Package, IReadOnlyList<ResourceReference> Resources, IReadOnlyList<string> Images)
{
    /// <summary>
    /// Reads every mirrorable reference of <paramref name="package"/>: <c>assets.uris</c>, icons, screenshots, CLI
    /// binaries (with their declared sha256), <c>command.json</c> pip lines that are URLs, and
    /// <c>assets.container.docker</c> images. Order follows the document; duplicates are kept once.
    /// </summary>
    public static PackageArtifacts Of(PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var resources = new List<ResourceReference>();
        var images = new List<string>();
        var resource = package.Resource;
        if (resource?["assets"] is JsonObject assets)
        {
            foreach (var (_, value) in assets["uris"] as JsonObject ?? [])
            {
                AddString(resources, value, ArtifactKind.Asset);
            }

            foreach (var (_, value) in assets["container"]?["docker"] as JsonObject ?? [])
            {
                if (Text(value) is { Length: > 0 } image && !images.Contains(image))
                {
                    images.Add(image);
                }
            }
        }

        if (resource?["images"] is JsonObject pictures)
        {
            foreach (var (key, value) in pictures)
            {
                if (key == "screenshots" && value is JsonArray screenshots)
                {
                    foreach (var item in screenshots)
                    {
                        AddString(resources, item, ArtifactKind.Screenshot);
                    }
                }
                else if (key.Contains("icon", StringComparison.Ordinal))
                {
                    AddString(resources, value, ArtifactKind.Icon);
                }
            }
        }

        foreach (var (_, os) in resource?["cli"]?["binaries"] as JsonObject ?? [])
        {
            foreach (var (_, binary) in os as JsonObject ?? [])
            {
                if (binary is JsonObject b && Text(b["url"]) is { } url)
                {
                    var sha = (b["contentHash"] as JsonArray)?
                        .OfType<JsonObject>()
                        .Where(h => string.Equals(Text(h["algo"]), "sha256", StringComparison.OrdinalIgnoreCase))
                        .Select(h => Text(h["value"])?.ToLowerInvariant())
                        .FirstOrDefault(v => v is { Length: 64 } && v.All(char.IsAsciiHexDigit));
                    Add(resources, new ResourceReference(url, ArtifactKind.Cli, sha));
                }
            }
        }

        foreach (var line in package.Command?["pip"] as JsonArray ?? [])
        {
            if (Text(line) is { } pip && (pip.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pip.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                Add(resources, new ResourceReference(pip, ArtifactKind.Pip, null));
            }
        }

        return new PackageArtifacts(package, resources, images);
    }

    private static void AddString(List<ResourceReference> resources, JsonNode? value, ArtifactKind kind)
    {
        if (Text(value) is { } url)
        {
            Add(resources, new ResourceReference(url, kind, null));
        }
    }

    private static void Add(List<ResourceReference> resources, ResourceReference reference)
    {
        if (!resources.Exists(r => r.Url == reference.Url))
        {
            resources.Add(reference);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
