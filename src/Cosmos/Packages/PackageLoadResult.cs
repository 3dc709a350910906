namespace Universe.Cosmos.Packages;

/// <summary>
/// The packages read from one source (a universe tree or a repo index) and the revisions that failed: a bad
/// revision is reported, never fatal for the others.
/// </summary>
public sealed record PackageLoadResult(IReadOnlyList<PackageDefinition> Packages, IReadOnlyList<PackageLoadError> Errors)
{
    public static PackageLoadResult Empty { get; } = new([], []);
}
