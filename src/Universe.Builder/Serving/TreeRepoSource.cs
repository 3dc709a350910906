using Universe.Builder.Build;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Serving;

/// <summary>
/// Serves a universe tree: built in memory with <see cref="RepoGenerator"/> (the same output as <c>universe build</c>),
/// rebuilt when a file of the tree changes. Revisions that do not decode are left out and reported in <see cref="Skipped"/>.
/// </summary>
public sealed class TreeRepoSource(string repository, IReadOnlyList<string> dcosVersions, TimeSpan checkInterval, TimeProvider time)
    : RefreshingRepoSource(
        UniverseTreeReader.FindPackagesDirectory(repository) ?? throw new DirectoryNotFoundException($"No universe tree (repo/packages) at '{repository}'."),
        checkInterval,
        time)
{
    public override string Description => $"universe tree {Directory}";

    /// <summary>The revisions the last build left out, with why.</summary>
    public IReadOnlyList<PackageLoadError> Skipped { get; private set; } = [];

    protected override RepoSnapshot Load(DateTimeOffset lastModified, CancellationToken cancellationToken)
    {
        var load = UniverseTreeReader.Read(Directory, cancellationToken);
        Skipped = load.Errors;
        var snapshot = new RepoSnapshot(RepoGenerator.Generate(load.Packages, dcosVersions), lastModified);
        snapshot.Warm();
        return snapshot;
    }
}
