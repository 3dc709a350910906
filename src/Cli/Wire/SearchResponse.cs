namespace Universe.Cli.Wire;

/// <summary><c>POST /package/search</c> response.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Packages);
