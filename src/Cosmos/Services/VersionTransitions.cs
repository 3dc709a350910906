using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Services;

/// <summary>Which package versions an installed version may move to (cosmos-api.md §6.1, packaging ≥ 4.0). Pure.</summary>
public static class VersionTransitions
{
    /// <summary>Versions of <paramref name="candidates"/> whose <c>upgradesFrom</c> admits <paramref name="installedVersion"/> (<c>"*"</c> = any, itself included), in candidate order, without duplicates.</summary>
    public static IReadOnlyList<string> UpgradesTo(string installedVersion, IEnumerable<PackageDefinition> candidates) =>
        [.. candidates.Where(c => Admits(c.UpgradesFrom, installedVersion)).Select(c => c.Version).Distinct(StringComparer.Ordinal)];

    /// <summary>Versions of <paramref name="candidates"/> that <paramref name="installed"/>'s <c>downgradesTo</c> admits, in candidate order, without duplicates.</summary>
    public static IReadOnlyList<string> DowngradesTo(PackageDefinition? installed, IEnumerable<PackageDefinition> candidates) =>
        installed?.DowngradesTo is { } allowed
            ? [.. candidates.Where(c => Admits(allowed, c.Version)).Select(c => c.Version).Distinct(StringComparer.Ordinal)]
            : [];

    /// <summary>Whether an app of <paramref name="installed"/> may become <paramref name="target"/>: the target's <c>upgradesFrom</c> or the installed package's <c>downgradesTo</c> admits it.</summary>
    public static bool IsAllowed(string installedVersion, PackageDefinition? installed, PackageDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return string.Equals(installedVersion, target.Version, StringComparison.Ordinal)
            || Admits(target.UpgradesFrom, installedVersion)
            || Admits(installed?.DowngradesTo, target.Version);
    }

    private static bool Admits(IReadOnlyList<string>? patterns, string version) =>
        patterns is not null && patterns.Any(p => p == "*" || string.Equals(p, version, StringComparison.Ordinal));
}
