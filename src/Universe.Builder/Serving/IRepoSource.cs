namespace Universe.Builder.Serving;

/// <summary>
/// Where served repo files come from: a universe tree built in memory (<see cref="TreeRepoSource"/>), a directory written
/// by <c>universe build</c> (<see cref="BuiltDirectoryRepoSource"/>), or another source (a mirror bundle). A source may
/// refresh itself when asked; callers take one snapshot per request.
/// </summary>
public interface IRepoSource
{
    /// <summary>A human description for logs (<c>tree /srv/universe</c>).</summary>
    string Description { get; }

    /// <summary>The current snapshot (rebuilt first when the source changed).</summary>
    ValueTask<RepoSnapshot> GetSnapshotAsync(CancellationToken cancellationToken);
}
