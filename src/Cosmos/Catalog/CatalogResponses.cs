using System.Text.Json.Nodes;

namespace Universe.Cosmos.Catalog;

/// <summary><c>GET /capabilities</c> response.</summary>
public sealed record CapabilitiesResponse(IReadOnlyList<Capability> Capabilities);

/// <summary>One capability name.</summary>
public sealed record Capability(string Name);

/// <summary><c>package/search</c> response.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Packages);

/// <summary>One search hit; <c>versions</c> values are numbers (unlike list-versions).</summary>
public sealed record SearchResult(
    string Name,
    string CurrentVersion,
    IReadOnlyDictionary<string, long> Versions,
    string Description,
    bool Framework,
    IReadOnlyList<string> Tags,
    bool? Selected,
    JsonObject? Images);

/// <summary><c>package/describe</c> v3 response: the package definition (known fields, URLs rewritten).</summary>
public sealed record DescribeResponse(JsonObject Package);

/// <summary><c>package/list-versions</c> response: version → releaseVersion as a string.</summary>
public sealed record ListVersionsResponse(IReadOnlyDictionary<string, string> Results);
