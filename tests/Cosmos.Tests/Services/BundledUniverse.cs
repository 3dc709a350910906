using System.Runtime.CompilerServices;

namespace Universe.Cosmos.Tests.Services;

/// <summary>Locates the bundled <c>universe/</c> tree of this checkout (from the test source's compile-time path).</summary>
internal static class BundledUniverse
{
    /// <summary><c>universe/repo/packages</c> of this checkout.</summary>
    public static string PackagesPath => Path.Combine(RepositoryRoot(), "universe", "repo", "packages");

    /// <summary><c>universe/</c> of this checkout.</summary>
    public static string RootPath => Path.Combine(RepositoryRoot(), "universe");

    /// <summary>Every revision directory, as <c>(letter, name, revision, path)</c>.</summary>
    public static IReadOnlyList<(string Letter, string Name, string Revision, string Path)> Revisions() =>
        [.. from letter in Directory.EnumerateDirectories(PackagesPath)
            from name in Directory.EnumerateDirectories(letter)
            from revision in Directory.EnumerateDirectories(name)
            orderby revision
            select (Path.GetFileName(letter), Path.GetFileName(name), Path.GetFileName(revision), revision)];

    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "universe", "repo", "packages")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No universe/repo/packages above {source}");
    }
}
