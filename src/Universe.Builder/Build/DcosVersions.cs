using Universe.Cosmos.Packages;

namespace Universe.Builder.Build;

/// <summary>The DC/OS versions the upstream generator writes <c>repo-up-to-&lt;v&gt;.json</c> for, and their repo media types.</summary>
public static class DcosVersions
{
    /// <summary>1.8, 1.9, 1.10, 1.11, 1.12, 1.13 and 2.0, as upstream.</summary>
    public static IReadOnlyList<string> Default { get; } = ["1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "2.0"];

    /// <summary>Below this version packages are downgraded to 3.0 and their config descriptions re-escaped.</summary>
    public static LooseVersion FirstModern { get; } = LooseVersion.Parse("1.10");

    private static readonly LooseVersion LastV3 = LooseVersion.Parse("1.9");
    private static readonly LooseVersion LastV4 = LooseVersion.Parse("1.11");

    /// <summary>The repo index version a DC/OS version gets: 3 up to 1.9, 4 up to 1.11, 5 after.</summary>
    public static int RepoVersionFor(LooseVersion dcosVersion)
    {
        ArgumentNullException.ThrowIfNull(dcosVersion);
        return dcosVersion <= LastV3 ? 3 : dcosVersion <= LastV4 ? 4 : 5;
    }

    /// <summary>The media type of <c>repo-up-to-&lt;v&gt;.json</c> (written to its <c>.content_type</c> file).</summary>
    public static string ContentTypeFor(LooseVersion dcosVersion) => RepoMediaTypes.ForVersion(RepoVersionFor(dcosVersion));

    /// <summary>Whether files for <paramref name="dcosVersion"/> carry downgraded, re-escaped packages.</summary>
    public static bool IsLegacy(LooseVersion dcosVersion) => dcosVersion < FirstModern;
}
