using System.Collections.Frozen;

namespace Universe.Builder.Build;

/// <summary>Every file of one build, by relative path (<c>universe.json</c>, <c>2.0/package/kafka.json</c>, …).</summary>
public sealed class RepoFileSet
{
    private readonly FrozenDictionary<string, RepoFile> _byPath;

    public RepoFileSet(IReadOnlyList<RepoFile> files, IReadOnlyList<string> dcosVersions, int revisions)
    {
        ArgumentNullException.ThrowIfNull(files);
        Files = files;
        DcosVersions = dcosVersions;
        Revisions = revisions;
        _byPath = files.ToFrozenDictionary(f => f.Path, StringComparer.Ordinal);
    }

    public IReadOnlyList<RepoFile> Files { get; }

    /// <summary>The DC/OS versions a <c>repo-up-to-&lt;v&gt;.json</c> was written for, in the order given.</summary>
    public IReadOnlyList<string> DcosVersions { get; }

    /// <summary>How many package revisions <c>universe.json</c> holds.</summary>
    public int Revisions { get; }

    public RepoFile? Find(string path) => _byPath.GetValueOrDefault(path);
}
