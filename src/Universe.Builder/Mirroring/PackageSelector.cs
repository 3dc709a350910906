using Universe.Builder.Build;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Chooses revisions (pure). Unlike the upstream <c>local-universe.py</c>, <c>--selected</c> and <c>--latest-only</c>
/// fall back to the newest revision that fits each DC/OS version (upstream drops the package when its newest revision
/// needs a newer DC/OS), and an include that matches nothing is an error naming it (upstream prints and goes on).
/// Several DC/OS versions give the union of each version's choice, so one bundle serves clusters of each.
/// </summary>
public static class PackageSelector
{
    public static SelectionResult Select(IReadOnlyList<PackageDefinition> packages, MirrorSelection selection)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(selection);
        var byName = packages
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ReleaseVersion).ToArray(), StringComparer.Ordinal);
        IReadOnlyList<string?> versions = selection.DcosVersions.Count == 0 ? [null] : [.. selection.DcosVersions];
        var chosen = new HashSet<PackageDefinition>(ReferenceEqualityComparer.Instance);
        var errors = new List<string>();
        var fallbacks = new List<SelectionFallback>();
        var skipped = new List<SelectionSkip>();

        foreach (var spec in selection.Includes)
        {
            if (!byName.TryGetValue(spec.Name, out var revisions))
            {
                errors.Add($"--include {spec}: no package named [{spec.Name}] in the source");
                continue;
            }

            var matching = spec.Version is null ? revisions : [.. revisions.Where(p => p.Version == spec.Version)];
            if (matching.Length == 0)
            {
                var known = string.Join(", ", revisions.Select(p => p.Version).Distinct().Take(8));
                errors.Add($"--include {spec}: package [{spec.Name}] has no version [{spec.Version}] (newest versions: {known})");
                continue;
            }

            var picked = Pick(matching, versions, selection.LatestOnly && spec.Version is null, fallbacks);
            if (picked.Count == 0)
            {
                errors.Add($"--include {spec}: no revision fits DC/OS {string.Join(", ", selection.DcosVersions)} ({Needs(matching)})");
            }

            chosen.UnionWith(picked);
        }

        IEnumerable<PackageDefinition[]> implicitPackages =
            selection.Selected ? byName.Values.Where(r => r[0].Selected)
            : selection.Includes.Count == 0 ? byName.Values
            : [];
        foreach (var revisions in implicitPackages)
        {
            var picked = Pick(revisions, versions, selection.LatestOnly || selection.Selected, fallbacks);
            if (picked.Count == 0)
            {
                skipped.Add(new SelectionSkip(revisions[0].Name, $"no revision fits DC/OS {string.Join(", ", selection.DcosVersions)} ({Needs(revisions)})"));
            }

            chosen.UnionWith(picked);
        }

        return new SelectionResult(
            [.. chosen.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion)],
            errors,
            [.. fallbacks.DistinctBy(f => (f.Name, f.DcosVersion)).OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.DcosVersion, StringComparer.Ordinal)],
            [.. skipped.OrderBy(s => s.Name, StringComparer.Ordinal)]);
    }

    /// <summary>True when a revision with <paramref name="minDcosReleaseVersion"/> (null = any) runs on <paramref name="dcosVersion"/> (LooseVersion order).</summary>
    public static bool Fits(string? minDcosReleaseVersion, string dcosVersion) =>
        string.IsNullOrEmpty(minDcosReleaseVersion) || LooseVersion.Parse(minDcosReleaseVersion) <= LooseVersion.Parse(dcosVersion);

    /// <summary>Revisions (newest first) fitting any version; with <paramref name="newestOnly"/>, the newest fitting one per version.</summary>
    private static List<PackageDefinition> Pick(PackageDefinition[] newestFirst, IReadOnlyList<string?> versions, bool newestOnly, List<SelectionFallback> fallbacks)
    {
        var picked = new List<PackageDefinition>();
        foreach (var version in versions)
        {
            if (newestOnly)
            {
                var newest = Array.Find(newestFirst, p => version is null || Fits(p.MinDcosReleaseVersion, version));
                if (newest is null)
                {
                    continue;
                }

                picked.Add(newest);
                if (!ReferenceEquals(newest, newestFirst[0]) && version is not null)
                {
                    var top = newestFirst[0];
                    fallbacks.Add(new SelectionFallback(newest.Name, version, newest.Version, newest.ReleaseVersion, top.Version, top.ReleaseVersion));
                }
            }
            else
            {
                picked.AddRange(newestFirst.Where(p => version is null || Fits(p.MinDcosReleaseVersion, version)));
            }
        }

        return picked;
    }

    private static string Needs(PackageDefinition[] revisions)
    {
        var lowest = revisions
            .Select(p => p.MinDcosReleaseVersion ?? "0")
            .OrderBy(LooseVersion.Parse)
            .First();
        return $"the lowest minDcosReleaseVersion is {lowest}";
    }
}
