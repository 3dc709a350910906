namespace Universe.Cli.Wire;

/// <summary><c>POST /package/list-versions</c> request.</summary>
public sealed record ListVersionsRequest(string PackageName, bool IncludePackageVersions);
