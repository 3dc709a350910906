namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /package/list</c> (<c>package.list-request</c> v1).</summary>
public sealed record ListRequest(string? PackageName = null, string? AppId = null);
