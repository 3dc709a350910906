namespace Universe.Cosmos.Packages;

/// <summary>Writes packages as a universe source tree (<c>repo/packages/&lt;L&gt;/&lt;name&gt;/&lt;releaseVersion&gt;/…</c>).</summary>
public static class UniverseTreeWriter
{
    /// <summary>Writes every package under <paramref name="packagesDirectory"/>, replacing files of the same revision.</summary>
    public static void Write(string packagesDirectory, IEnumerable<PackageDefinition> packages)
    {
        ArgumentNullException.ThrowIfNull(packagesDirectory);
        ArgumentNullException.ThrowIfNull(packages);
        foreach (var package in packages)
        {
            WriteRevision(packagesDirectory, package);
        }
    }

    /// <summary>Writes one revision and returns its directory.</summary>
    public static string WriteRevision(string packagesDirectory, PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(packagesDirectory);
        ArgumentNullException.ThrowIfNull(package);
        if (!IsSafeName(package.Name))
        {
            throw new FormatException($"Package name [{package.Name}] cannot be used as a directory name");
        }

        var directory = Path.Combine(
            packagesDirectory,
            char.ToUpperInvariant(package.Name[0]).ToString(),
            package.Name,
            package.ReleaseVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var files = PackageRevisionFiles.FromPackage(package);
        File.WriteAllBytes(Path.Combine(directory, PackageRevisionFiles.PackageFile), files.PackageJson);
        WriteOptional(directory, PackageRevisionFiles.ResourceFile, files.ResourceJson);
        WriteOptional(directory, PackageRevisionFiles.ConfigFile, files.ConfigJson);
        WriteOptional(directory, PackageRevisionFiles.CommandFile, files.CommandJson);
        WriteOptional(directory, PackageRevisionFiles.MarathonFile, files.MarathonTemplate);
        return directory;
    }

    private static void WriteOptional(string directory, string file, byte[]? bytes)
    {
        var path = Path.Combine(directory, file);
        if (bytes is { } content)
        {
            File.WriteAllBytes(path, content);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name is "." or "..")
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
