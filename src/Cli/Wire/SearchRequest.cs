namespace Universe.Cli.Wire;

/// <summary><c>POST /package/search</c> request.</summary>
public sealed record SearchRequest(string? Query);
