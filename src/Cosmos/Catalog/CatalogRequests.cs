namespace Universe.Cosmos.Catalog;

/// <summary><c>package/search</c> request (<c>query</c> optional).</summary>
public sealed record SearchRequest(string? Query = null);

/// <summary><c>package/describe</c> request.</summary>
public sealed record DescribeRequest(string PackageName, string? PackageVersion = null);

/// <summary><c>package/list-versions</c> request (<c>includePackageVersions</c> is required and ignored, as in Cosmos).</summary>
public sealed record ListVersionsRequest(string PackageName, bool IncludePackageVersions);
