namespace Universe.Cli.Wire;

/// <summary>The repository list: the response of repository list, add and delete, and the <c>repo import</c> file.</summary>
public sealed record RepositoryListResponse(IReadOnlyList<PackageRepository> Repositories);
