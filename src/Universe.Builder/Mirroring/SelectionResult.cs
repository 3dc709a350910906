using Universe.Cosmos.Packages;

namespace Universe.Builder.Mirroring;

/// <summary>
/// The revisions chosen (sorted by name, then release), the <c>name:version</c> specs that matched nothing (errors),
/// the packages for which an older revision was taken because the newest does not fit a DC/OS version, and the
/// selected packages that no requested DC/OS version can run.
/// </summary>
public sealed record SelectionResult(
    IReadOnlyList<PackageDefinition> Revisions,
    IReadOnlyList<string> Errors,
    IReadOnlyList<SelectionFallback> Fallbacks,
    IReadOnlyList<SelectionSkip> Skipped);

/// <summary>For <paramref name="DcosVersion"/>, <paramref name="Name"/> falls back from its newest revision to an older one that fits.</summary>
public sealed record SelectionFallback(string Name, string DcosVersion, string Version, long ReleaseVersion, string NewestVersion, long NewestReleaseVersion);

/// <summary>A package left out because none of its revisions fits any requested DC/OS version.</summary>
public sealed record SelectionSkip(string Name, string Reason);
