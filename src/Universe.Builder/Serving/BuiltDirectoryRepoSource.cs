using System.Text;
using System.Text.RegularExpressions;
using Universe.Builder.Build;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Serving;

/// <summary>
/// Serves a directory written by <c>universe build</c> (or the upstream generator): <c>universe.json</c>,
/// <c>repo-empty-v3.json</c>, <c>repo-up-to-&lt;v&gt;.json</c> with the types in their <c>.content_type</c> files, and
/// <c>&lt;v&gt;/package/&lt;name&gt;.json</c>. Held in memory; reloaded when the directory changes.
/// </summary>
public sealed partial class BuiltDirectoryRepoSource(string directory, TimeSpan checkInterval, TimeProvider time)
    : RefreshingRepoSource(directory, checkInterval, time)
{
    public override string Description => $"built repository {Directory}";

    /// <summary>Whether <paramref name="directory"/> looks like build output.</summary>
    public static bool IsBuiltDirectory(string directory) =>
        System.IO.Directory.Exists(directory)
        && (File.Exists(Path.Combine(directory, RepoGenerator.UniverseFile)) || System.IO.Directory.EnumerateFiles(directory, "repo-up-to-*.json").Any());

    protected override RepoSnapshot Load(DateTimeOffset lastModified, CancellationToken cancellationToken)
    {
        var files = new List<RepoFile>();
        var versions = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (RepoFilePattern().Match(name) is { Success: true } repo)
            {
                versions.Add(repo.Groups[1].Value);
                files.Add(Read(path, name, ContentTypeOf(Path.ChangeExtension(path, ".content_type"), RepoMediaTypes.V5)));
            }
            else if (name is RepoGenerator.UniverseFile or RepoGenerator.EmptyFile)
            {
                files.Add(Read(path, name, ContentTypeOf(Path.ChangeExtension(path, ".content_type"), name == RepoGenerator.EmptyFile ? RepoMediaTypes.V3 : RepoMediaTypes.V5)));
            }
            else if (name.EndsWith(".content_type", StringComparison.Ordinal))
            {
                files.Add(Read(path, name, RepoGenerator.TextContentType));
            }
        }

        foreach (var version in versions)
        {
            var packageDirectory = Path.Combine(Directory, version, "package");
            if (!System.IO.Directory.Exists(packageDirectory))
            {
                continue;
            }

            var contentType = files.First(f => f.Path == RepoGenerator.RepoFileName(version)).ContentType;
            foreach (var path in System.IO.Directory.EnumerateFiles(packageDirectory, "*.json").Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                files.Add(Read(path, RepoGenerator.PackageFileName(version, Path.GetFileNameWithoutExtension(path)), contentType));
            }
        }

        var ordered = versions.OrderBy(LooseVersion.Parse).ToArray();
        var snapshot = new RepoSnapshot(new RepoFileSet(files, ordered, 0), lastModified);
        snapshot.Warm();
        return snapshot;
    }

    private static RepoFile Read(string path, string relative, string contentType)
    {
        var bytes = File.ReadAllBytes(path);
        return new RepoFile(relative, contentType, [bytes], "file:" + relative);
    }

    private static string ContentTypeOf(string contentTypeFile, string fallback) =>
        File.Exists(contentTypeFile) && Encoding.ASCII.GetString(File.ReadAllBytes(contentTypeFile)).Trim() is { Length: > 0 } text ? text : fallback;

    [GeneratedRegex(@"^repo-up-to-(\d+(?:\.\d+)*)\.json$")]
    private static partial Regex RepoFilePattern();
}
