using Universe.Cosmos.Packages;
using Universe.IO;

namespace Universe.Builder.Build;

/// <summary>
/// Builds a universe tree into repo JSON: <c>universe.json</c> (every revision, unfiltered, v5 content type)
/// and <c>repo-empty-v3.json</c>, like the upstream generator, but deterministic (sorted by name, then
/// releaseVersion) and refusing to build when any revision fails to decode.
/// </summary>
public static class RepositoryBuilder
{
    /// <summary>The v5 repo media type written beside <c>universe.json</c>.</summary>
    public const string UniverseContentType = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5";

    /// <summary>The v3 repo media type written beside <c>repo-empty-v3.json</c>.</summary>
    public const string EmptyContentType = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3";

    /// <summary>Reads the tree at <paramref name="repository"/>; the packages in build order, or the load errors.</summary>
    public static PackageLoadResult Load(string repository, CancellationToken cancellationToken)
    {
        var packagesDirectory = UniverseTreeReader.FindPackagesDirectory(repository)
            ?? throw new DirectoryNotFoundException($"No universe tree (repo/packages) at '{repository}'.");
        var result = UniverseTreeReader.Read(packagesDirectory, cancellationToken);
        var ordered = result.Packages
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.ReleaseVersion)
            .ToArray();
        return new PackageLoadResult(ordered, result.Errors);
    }

    /// <summary>Writes the repo files into <paramref name="outputDirectory"/>; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        IReadOnlyList<PackageDefinition> packages, string outputDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var universe = Path.Combine(outputDirectory, "universe.json");
        var empty = Path.Combine(outputDirectory, "repo-empty-v3.json");
        await AtomicFile.WriteAllBytesAsync(universe, await RepoIndexWriter.ToBytesAsync(packages, cancellationToken: cancellationToken), cancellationToken);
        await AtomicFile.WriteAllBytesAsync(universe[..^".json".Length] + ".content_type", System.Text.Encoding.ASCII.GetBytes(UniverseContentType), cancellationToken);
        await AtomicFile.WriteAllBytesAsync(empty, await RepoIndexWriter.ToBytesAsync([], cancellationToken: cancellationToken), cancellationToken);
        await AtomicFile.WriteAllBytesAsync(empty[..^".json".Length] + ".content_type", System.Text.Encoding.ASCII.GetBytes(EmptyContentType), cancellationToken);
        return [universe, empty];
    }
}
