namespace Universe.Builder.Mirroring;

/// <summary>
/// What one mirror run fetches: the chosen revisions with their artifacts, the distinct HTTP resources and the
/// distinct images (each with the packages that use it), and the selection's notes.
/// </summary>
public sealed record MirrorPlan(
    SelectionResult Selection,
    IReadOnlyList<PackageArtifacts> Packages,
    IReadOnlyList<PlannedResource> Resources,
    IReadOnlyList<PlannedImage> Images)
{
    /// <summary>Groups the artifacts of the selected revisions by URL and by image reference (pure).</summary>
    public static MirrorPlan Create(SelectionResult selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var packages = selection.Revisions.Select(PackageArtifacts.Of).ToArray();
        var resources = new Dictionary<string, PlannedResource>(StringComparer.Ordinal);
        var images = new Dictionary<string, PlannedImage>(StringComparer.Ordinal);
        foreach (var artifacts in packages)
        {
            var owner = $"{artifacts.Package.Name}:{artifacts.Package.Version}";
            foreach (var reference in artifacts.Resources)
            {
                if (!resources.TryGetValue(reference.Url, out var planned))
                {
                    planned = resources[reference.Url] = new PlannedResource(reference.Url, reference.Kind, reference.Sha256, []);
                }
                else if (planned.Sha256 is null && reference.Sha256 is not null)
                {
                    planned = resources[reference.Url] = planned with { Sha256 = reference.Sha256 };
                }
                else if (reference.Sha256 is not null && !string.Equals(planned.Sha256, reference.Sha256, StringComparison.OrdinalIgnoreCase)
                    && !planned.ConflictingSha256.Contains(owner))
                {
                    // Two packages promise different content for one URL: at most one can be right, so it is reported, never guessed.
                    planned.ConflictingSha256.Add($"{owner} declares {reference.Sha256.ToLowerInvariant()}");
                }

                if (!planned.Packages.Contains(owner))
                {
                    planned.Packages.Add(owner);
                }
            }

            foreach (var image in artifacts.Images)
            {
                if (!images.TryGetValue(image, out var planned))
                {
                    planned = images[image] = new PlannedImage(image, []);
                }

                if (!planned.Packages.Contains(owner))
                {
                    planned.Packages.Add(owner);
                }
            }
        }

        return new MirrorPlan(
            selection,
            packages,
            [.. resources.Values.OrderBy(r => r.Url, StringComparer.Ordinal)],
            [.. images.Values.OrderBy(i => i.Reference, StringComparer.Ordinal)]);
    }
}

/// <summary>A distinct URL, its first kind, the sha256 a package declares for it, and the packages (<c>name:version</c>) using it.</summary>
public sealed record PlannedResource(string Url, ArtifactKind Kind, string? Sha256, List<string> Packages)
{
    /// <summary>Other packages' declarations of a different sha256 for the same URL (<c>name:version declares hex</c>).</summary>
    public List<string> ConflictingSha256 { get; init; } = [];
}

/// <summary>A distinct image reference and the packages using it.</summary>
public sealed record PlannedImage(string Reference, List<string> Packages);
