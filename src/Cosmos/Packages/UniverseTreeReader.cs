using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Universe.Cosmos.Packages;

/// <summary>
/// Reads a universe source tree, <c>repo/packages/&lt;L&gt;/&lt;name&gt;/&lt;N&gt;/…</c>, in parallel. Every revision is
/// returned (no minDcosReleaseVersion filter); a revision that cannot be decoded is reported, not fatal.
/// </summary>
public static class UniverseTreeReader
{
    /// <summary>
    /// The packages directory for <paramref name="path"/>: <c>path/repo/packages</c>, <c>path/packages</c>, or
    /// <paramref name="path"/> itself when it holds letter directories; null when none exists.
    /// </summary>
    public static string? FindPackagesDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] candidates = [Path.Combine(path, "repo", "packages"), Path.Combine(path, "packages")];
        foreach (var candidate in candidates)
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists(path) && Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) == "packages" ? path : null;
    }

    /// <summary>Reads every revision under <paramref name="packagesDirectory"/> (a <c>repo/packages</c> directory).</summary>
    public static PackageLoadResult Read(string packagesDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packagesDirectory);
        var revisions = new List<(string Path, string Name, long Release)>(2048);
        var errors = new ConcurrentBag<PackageLoadError>();
        foreach (var letter in Directory.EnumerateDirectories(packagesDirectory))
        {
            foreach (var nameDir in Directory.EnumerateDirectories(letter))
            {
                var name = Path.GetFileName(nameDir);
                foreach (var revision in Directory.EnumerateDirectories(nameDir))
                {
                    var dirName = Path.GetFileName(revision);
                    if (long.TryParse(dirName, NumberStyles.None, CultureInfo.InvariantCulture, out var release))
                    {
                        revisions.Add((revision, name, release));
                    }
                    else
                    {
                        errors.Add(new PackageLoadError(Relative(packagesDirectory, revision), $"Revision directory [{dirName}] is not a non-negative integer"));
                    }
                }
            }
        }

        var packages = new PackageDefinition?[revisions.Count];
        Parallel.For(0, revisions.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (path, name, release) = revisions[i];
            try
            {
                var package = PackageDecoder.Decode(ReadFiles(path, release));
                packages[i] = package.Name == name
                    ? package
                    : throw new FormatException($"package.json name [{package.Name}] differs from its directory [{name}]");
            }
            catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
            {
                errors.Add(new PackageLoadError(Relative(packagesDirectory, path), e.Message));
            }
        });

        return new PackageLoadResult(Collect(packages), [.. errors.OrderBy(e => e.Location, StringComparer.Ordinal)]);
    }

    /// <summary>Reads the files of one revision directory (one directory listing, no exceptions for absent files).</summary>
    public static PackageRevisionFiles ReadFiles(string revisionDirectory, long releaseVersion)
    {
        byte[]? package = null, resource = null, config = null, command = null, template = null;
        foreach (var path in Directory.EnumerateFiles(revisionDirectory))
        {
            switch (Path.GetFileName(path))
            {
                case PackageRevisionFiles.PackageFile:
                    package = File.ReadAllBytes(path);
                    break;
                case PackageRevisionFiles.ResourceFile:
                    resource = File.ReadAllBytes(path);
                    break;
                case PackageRevisionFiles.ConfigFile:
                    config = File.ReadAllBytes(path);
                    break;
                case PackageRevisionFiles.CommandFile:
                    command = File.ReadAllBytes(path);
                    break;
                case PackageRevisionFiles.MarathonFile:
                    template = File.ReadAllBytes(path);
                    break;
            }
        }

        return new PackageRevisionFiles(
            releaseVersion,
            package ?? throw new FormatException($"{PackageRevisionFiles.PackageFile} is missing"),
            resource,
            config,
            command,
            template);
    }

    internal static PackageDefinition[] Collect(PackageDefinition?[] slots)
    {
        var count = 0;
        foreach (var slot in slots)
        {
            count += slot is null ? 0 : 1;
        }

        var result = new PackageDefinition[count];
        var next = 0;
        foreach (var slot in slots)
        {
            if (slot is not null)
            {
                result[next++] = slot;
            }
        }

        return result;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
