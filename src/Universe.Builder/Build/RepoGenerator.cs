using System.Globalization;
using System.Text;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Build;

/// <summary>
/// The upstream generator's outputs for a set of package revisions (universe-format.md §3.1), deterministic: entries
/// sorted by name (ordinal) then releaseVersion. <c>universe.json</c> (all, v5), <c>repo-empty-v3.json</c>, and per DC/OS
/// version <c>repo-up-to-&lt;v&gt;.json</c> (revisions with <c>minDcosReleaseVersion</c> ≤ v by LooseVersion; below 1.10
/// downgraded and re-escaped) with its <c>.content_type</c>, and <c>&lt;v&gt;/package/&lt;name&gt;.json</c> per package.
/// </summary>
public static class RepoGenerator
{
    public const string UniverseFile = "universe.json";
    public const string EmptyFile = "repo-empty-v3.json";

    private static readonly byte[] Prefix = "{\"packages\":["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Suffix = "]}"u8.ToArray();

    /// <summary>The content type of the <c>.content_type</c> files themselves.</summary>
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>The path of the repo file for <paramref name="dcosVersion"/>.</summary>
    public static string RepoFileName(string dcosVersion) => $"repo-up-to-{dcosVersion}.json";

    /// <summary>The path of a per-package file.</summary>
    public static string PackageFileName(string dcosVersion, string name) => $"{dcosVersion}/package/{name}.json";

    /// <summary>Generates every file for <paramref name="packages"/> and the DC/OS versions <paramref name="dcosVersions"/>.</summary>
    public static RepoFileSet Generate(IReadOnlyList<PackageDefinition> packages, IReadOnlyList<string> dcosVersions)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(dcosVersions);
        var versions = dcosVersions.Select(v => (Text: v, Version: LooseVersion.Parse(v))).ToArray();
        var legacyVersions = versions.Where(v => DcosVersions.IsLegacy(v.Version)).Select(v => v.Version).ToArray();
        var newestLegacy = legacyVersions.Length == 0 ? null : legacyVersions.Max();
        var sorted = packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion).ToArray();
        var entries = new RepoEntry[sorted.Length];
        Parallel.For(0, sorted.Length, i =>
            entries[i] = RepoEntry.Create(sorted[i], newestLegacy is not null && RepoEntry.MinDcosOf(sorted[i]) <= newestLegacy));

        var files = new List<RepoFile>(16 + (versions.Length * 256));
        files.Add(Index(UniverseFile, RepoMediaTypes.V5, entries, Enumerable.Range(0, entries.Length), legacy: false));
        files.Add(ContentTypeFile("universe.content_type", RepoMediaTypes.V5));
        files.Add(Index(EmptyFile, RepoMediaTypes.V3, entries, [], legacy: false));
        files.Add(ContentTypeFile("repo-empty-v3.content_type", RepoMediaTypes.V3));
        foreach (var (text, version) in versions)
        {
            var legacy = DcosVersions.IsLegacy(version);
            var contentType = DcosVersions.ContentTypeFor(version);
            var visible = Enumerable.Range(0, entries.Length).Where(i => entries[i].MinDcos <= version).ToArray();
            files.Add(Index(RepoFileName(text), contentType, entries, visible, legacy));
            files.Add(ContentTypeFile($"repo-up-to-{text}.content_type", contentType));
            foreach (var group in visible.GroupBy(i => entries[i].Name, StringComparer.Ordinal))
            {
                files.Add(Index(PackageFileName(text, group.Key), contentType, entries, group, legacy));
            }
        }

        return new RepoFileSet(files, [.. dcosVersions], entries.Length);
    }

    private static RepoFile Index(string path, string contentType, RepoEntry[] entries, IEnumerable<int> indexes, bool legacy)
    {
        var segments = new List<ReadOnlyMemory<byte>> { Prefix };
        var identity = new StringBuilder("index:");
        foreach (var i in indexes)
        {
            if (segments.Count > 1)
            {
                segments.Add(Comma);
            }

            var bytes = legacy ? entries[i].Legacy : entries[i].Modern;
            segments.Add(bytes);
            identity.Append(ReferenceEquals(bytes, entries[i].Modern) ? 'm' : 'l').Append(i.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        segments.Add(Suffix);
        return new RepoFile(path, contentType, segments, identity.ToString(), (segments.Count - 1) / 2);
    }

    private static RepoFile ContentTypeFile(string path, string contentType) =>
        new(path, TextContentType, [Encoding.ASCII.GetBytes(contentType)], "text:" + contentType);
}
