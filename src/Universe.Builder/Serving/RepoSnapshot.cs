using System.Collections.Frozen;
using Universe.Builder.Build;

namespace Universe.Builder.Serving;

/// <summary>
/// The files one source serves at one moment: by path, with the DC/OS versions that have a <c>repo-up-to</c> file
/// (ascending), and when they last changed (<c>Last-Modified</c>, whole seconds).
/// </summary>
public sealed class RepoSnapshot
{
    private readonly FrozenDictionary<string, ServedFile> _files;

    public RepoSnapshot(RepoFileSet files, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(files);
        Files = files;
        _files = files.Files.ToFrozenDictionary(f => f.Path, f => new ServedFile(f), StringComparer.Ordinal);
        DcosVersions = [.. files.DcosVersions
            .Where(v => _files.ContainsKey(RepoGenerator.RepoFileName(v)))
            .Select(v => (v, LooseVersion.Parse(v)))
            .OrderBy(v => v.Item2)];
        LastModified = new DateTimeOffset(lastModified.UtcTicks - (lastModified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    public RepoFileSet Files { get; }

    /// <summary>The DC/OS versions served, oldest first.</summary>
    public IReadOnlyList<(string Text, LooseVersion Version)> DcosVersions { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>The file at <paramref name="path"/> (relative, <c>/</c> separators), or null.</summary>
    public ServedFile? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>Computes ETags and gzip forms of the files a DC/OS cluster asks for first (<c>/repo</c>), in parallel.</summary>
    public void Warm() =>
        Parallel.ForEach(DcosVersions, v => _files[RepoGenerator.RepoFileName(v.Text)].Warm());
}
