namespace Universe.Cli.Wire;

/// <summary><c>POST /package/describe</c> request.</summary>
public sealed record DescribeRequest(string PackageName, string? PackageVersion);
