namespace Universe.Builder.Mirroring;

/// <summary>
/// What to mirror: <c>--include</c> specs, <c>--selected</c>, the DC/OS versions served (empty = no filter) and
/// <c>--latest-only</c>. With neither includes nor <c>--selected</c>, every package is chosen.
/// </summary>
public sealed record MirrorSelection(
    IReadOnlyList<PackageSpec> Includes,
    bool Selected,
    IReadOnlyList<string> DcosVersions,
    bool LatestOnly)
{
    public static MirrorSelection Everything { get; } = new([], false, [], false);
}
