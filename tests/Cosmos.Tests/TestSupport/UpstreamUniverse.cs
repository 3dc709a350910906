namespace Universe.Cosmos.Tests.TestSupport;

/// <summary>
/// Locates <c>../shared/universe-upstream</c> (the public Universe used as test data). It is never copied
/// into this repository: tests read it in place, skip where it is absent, and fail in CI (<c>CI=true</c>).
/// </summary>
public static class UpstreamUniverse
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The upstream root (holding <c>repo/packages</c>), or null when absent.</summary>
    public static string? RootOrNull => Root.Value;

    /// <summary>The upstream root; throws when absent (only call from an <see cref="UpstreamFactAttribute"/> test).</summary>
    public static string RootPath => Root.Value ?? throw new InvalidOperationException(MissingMessage);

    /// <summary><c>repo/packages</c> under the root.</summary>
    public static string PackagesPath => Path.Combine(RootPath, "repo", "packages");

    internal static string MissingMessage =>
        "../shared/universe-upstream not found (set UNIVERSE_UPSTREAM to its path); upstream corpus tests skipped.";

    internal static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("UNIVERSE_UPSTREAM");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(Path.Combine(configured, "repo", "packages")) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "universe-upstream");
            if (Directory.Exists(Path.Combine(candidate, "repo", "packages")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact over the upstream corpus: skipped with a message where it is absent, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UpstreamFactAttribute : FactAttribute
{
    public UpstreamFactAttribute()
    {
        if (UpstreamUniverse.RootOrNull is null && !UpstreamUniverse.IsCi)
        {
            Skip = UpstreamUniverse.MissingMessage;
        }
    }
}

/// <summary>A theory over the upstream corpus: skipped with a message where it is absent, except in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UpstreamTheoryAttribute : TheoryAttribute
{
    public UpstreamTheoryAttribute()
    {
        if (UpstreamUniverse.RootOrNull is null && !UpstreamUniverse.IsCi)
        {
            Skip = UpstreamUniverse.MissingMessage;
        }
    }
}
