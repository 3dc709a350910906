namespace Universe.Cli.Wire;

/// <summary><c>POST /package/list-versions</c> response: version to releaseVersion (a string).</summary>
public sealed record ListVersionsResponse(IReadOnlyDictionary<string, string> Results);
