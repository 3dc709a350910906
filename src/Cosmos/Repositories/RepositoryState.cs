using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>One configured repository and what was last loaded from it (immutable; replaced on every change).</summary>
internal sealed record RepositoryState(
    long Id,
    PackageRepository Repository,
    IRepositorySource Source,
    IReadOnlyList<PackageDefinition> Packages,
    RepositoryStatus Status,
    string? Validator)
{
    public RepositoryListEntry ToListEntry() => new(Repository.Name, Repository.Uri, Status);
}
