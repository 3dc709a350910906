namespace Universe.Cli.Wire;

/// <summary><c>POST /package/repository/delete</c> request.</summary>
public sealed record RepositoryDeleteRequest(string? Name, string? Uri);
