using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Universe.Builder.Build;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Validation;

/// <summary>
/// Validates a universe tree (universe-format.md §4): the layout (letters, package and revision directories), then every
/// revision in parallel (<see cref="RevisionValidator"/>), then what spans revisions (duplicate versions).
/// </summary>
public static partial class TreeValidator
{
    /// <summary>Validates the tree at <paramref name="repository"/> (see <see cref="UniverseTreeReader.FindPackagesDirectory"/>).</summary>
    /// <exception cref="DirectoryNotFoundException">There is no packages directory there.</exception>
    public static ValidationResult Validate(string repository, ValidationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(options);
        // Absolute, so that reading thousands of files does not resolve the working directory for each.
        var packagesDirectory = Path.GetFullPath(UniverseTreeReader.FindPackagesDirectory(repository)
            ?? throw new DirectoryNotFoundException($"No universe tree (repo/packages) at '{repository}'."));
        var schemaDirectory = Path.GetFullPath(Path.Combine(packagesDirectory, "..", "meta", "schema"));
        var schemas = SchemaSet.Load(Directory.Exists(schemaDirectory) ? schemaDirectory : null);
        PhaseTimings.Mark("schemas loaded");
        var display = Path.GetRelativePath(Path.GetFullPath(repository), Path.GetFullPath(packagesDirectory)).Replace('\\', '/');
        display = display == "." ? string.Empty : display + "/";

        var findings = new ConcurrentBag<Finding>();
        var revisions = Scan(packagesDirectory, display, findings);
        PhaseTimings.Mark("tree scanned");
        var validator = new RevisionValidator(schemas, options);
        var packages = new PackageDefinition?[revisions.Count];
        Parallel.For(0, revisions.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (revisionFindings, package) = validator.Validate(revisions[i]);
            packages[i] = package;
            foreach (var finding in revisionFindings)
            {
                findings.Add(finding);
            }
        });

        PhaseTimings.Mark("revisions validated");
        if (options.Warnings)
        {
            FindDuplicateVersions(revisions, packages, findings);
        }

        var sorted = findings
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line ?? 0)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToArray();
        var decoded = packages.OfType<PackageDefinition>().OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion).ToArray();
        return new ValidationResult(revisions.Count, sorted, decoded, schemas.FromTree);
    }

    private static List<RevisionLocation> Scan(string packagesDirectory, string display, ConcurrentBag<Finding> findings)
    {
        var revisions = new List<RevisionLocation>(2048);
        foreach (var letterPath in Sorted(Directory.EnumerateFileSystemEntries(packagesDirectory)))
        {
            var letter = Path.GetFileName(letterPath);
            if (!Directory.Exists(letterPath) || !LetterPattern().IsMatch(letter))
            {
                findings.Add(Finding.Error(FindingCodes.LetterDirectory, display + letter, "entries of the packages directory must be directories named by one capital letter (^[A-Z]$)"));
                continue;
            }

            foreach (var packagePath in Sorted(Directory.EnumerateFileSystemEntries(letterPath)))
            {
                var name = Path.GetFileName(packagePath);
                var packageDisplay = $"{display}{letter}/{name}";
                if (!Directory.Exists(packagePath))
                {
                    findings.Add(Finding.Error(FindingCodes.PackageDirectory, packageDisplay, "a file where a package directory is expected"));
                    continue;
                }

                if (!PackagePattern().IsMatch(name))
                {
                    findings.Add(Finding.Error(FindingCodes.PackageDirectory, packageDisplay, "package directory names must match ^[a-z][a-z0-9-]*[a-z0-9]$"));
                }
                else if (char.ToUpperInvariant(name[0]).ToString() != letter)
                {
                    findings.Add(Finding.Error(FindingCodes.LetterMismatch, packageDisplay, $"the package belongs under {char.ToUpperInvariant(name[0])}/, not {letter}/ (the generator looks for it there)"));
                }

                foreach (var revisionPath in Directory.EnumerateFileSystemEntries(packagePath))
                {
                    var revision = Path.GetFileName(revisionPath);
                    if (!long.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var release) || !Directory.Exists(revisionPath))
                    {
                        findings.Add(Finding.Error(FindingCodes.RevisionDirectory, $"{packageDisplay}/{revision}", "revisions must be directories named by a non-negative integer (it becomes releaseVersion)"));
                        continue;
                    }

                    revisions.Add(new RevisionLocation(letter, name, release, revisionPath, $"{packageDisplay}/{revision}"));
                }
            }
        }

        return revisions;
    }

    private static void FindDuplicateVersions(List<RevisionLocation> revisions, PackageDefinition?[] packages, ConcurrentBag<Finding> findings)
    {
        var groups = Enumerable.Range(0, revisions.Count)
            .Where(i => packages[i] is not null)
            .GroupBy(i => (packages[i]!.Name, packages[i]!.Version));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(i => revisions[i].ReleaseVersion).ToArray();
            foreach (var i in ordered.Skip(1))
            {
                findings.Add(Finding.Warning(
                    FindingCodes.DuplicateVersion,
                    revisions[i].Display(PackageRevisionFiles.PackageFile),
                    $"version {group.Key.Version} is also revision {revisions[ordered[0]].ReleaseVersion}; `package install --package-version {group.Key.Version}` can only pick one of them"));
            }
        }
    }

    private static IEnumerable<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Z]$")]
    private static partial Regex LetterPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex PackagePattern();
}
