using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// Reads one repository. A failure the client can act on is thrown as <see cref="Errors.CosmosException"/>
/// (e.g. <see cref="RepositoryUriConnection"/>); the loader turns it into the repository's status.
/// </summary>
public interface IRepositorySource
{
    /// <summary>
    /// Fetches the packages. <paramref name="validator"/> is what the previous successful fetch returned (ETag,
    /// Last-Modified, commit id, file fingerprint); when the source is unchanged the result has <c>NotModified</c> set.
    /// </summary>
    Task<RepositoryFetchResult> FetchAsync(string? validator, CancellationToken cancellationToken);
}

/// <summary>A fetch outcome: the packages (null when <see cref="NotModified"/>) and the validator for the next conditional fetch.</summary>
public sealed record RepositoryFetchResult(PackageLoadResult? Packages, string? Validator, bool NotModified = false)
{
    public static RepositoryFetchResult Unchanged(string? validator) => new(null, validator, NotModified: true);
}
