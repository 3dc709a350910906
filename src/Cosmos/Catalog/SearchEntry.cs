using System.Text.Json.Nodes;

namespace Universe.Cosmos.Catalog;

/// <summary>
/// One package name as search reports it (cosmos-api.md §8): the fields of the default revision, every merged
/// version with its releaseVersion, and the lower-cased text the substring mode matches.
/// </summary>
public sealed class SearchEntry
{
    private SearchEntry(IndexedPackage[] versions)
    {
        var package = versions[0].Package;
        Name = package.Name;
        CurrentVersion = package.Version;
        Description = package.Description;
        Framework = package.Framework;
        Tags = package.Tags;
        Selected = package.Json["selected"] is JsonValue selected && selected.TryGetValue(out bool value) ? value : null;
        Images = package.Resource?["images"] as JsonObject;
        Versions = [.. versions.Select(v => new KeyValuePair<string, long>(v.Package.Version, v.Package.ReleaseVersion))];
        NameLower = Name.ToLowerInvariant();
        DescriptionLower = Description.ToLowerInvariant();
        TagsLower = [.. Tags.Select(t => t.ToLowerInvariant())];
    }

    public string Name { get; }
    public string CurrentVersion { get; }
    public string Description { get; }
    public bool Framework { get; }
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Null when the default revision does not say (then <c>selected</c> is omitted).</summary>
    public bool? Selected { get; }

    /// <summary><c>resource.images</c> of the default revision, not rewritten; treat as read-only.</summary>
    public JsonObject? Images { get; }

    /// <summary>Version → releaseVersion over every merged revision of the name, in merged order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Versions { get; }

    internal string NameLower { get; }
    internal string DescriptionLower { get; }
    internal string[] TagsLower { get; }

    internal static SearchEntry Create(IndexedPackage[] versions) => new(versions);
}
