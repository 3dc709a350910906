namespace Universe.Cosmos.Services.Wire;

/// <summary><c>package.list-response</c> v1, sorted by (package name, appId).</summary>
public sealed record ListResponse(IReadOnlyList<Installation> Packages);
