namespace Universe.Cli.Wire;

/// <summary><c>POST /package/repository/list</c> request (an empty object).</summary>
public sealed record RepositoryListRequest;
