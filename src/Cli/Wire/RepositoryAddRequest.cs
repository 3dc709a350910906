namespace Universe.Cli.Wire;

/// <summary><c>POST /package/repository/add</c> request.</summary>
public sealed record RepositoryAddRequest(string Name, string Uri, int? Index);
