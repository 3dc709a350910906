namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /service/describe</c> (<c>service.describe-request</c> v1).</summary>
public sealed record ServiceDescribeRequest(string AppId, string? ManagerId = null, string? PackageName = null, string? PackageVersion = null);
