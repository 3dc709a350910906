using Universe.Builder.Build;

namespace Universe.Builder.Validation;

/// <summary>What a validation run checks: the warnings too (rendering every template), and the DC/OS versions built.</summary>
public sealed record ValidationOptions(bool Warnings, IReadOnlyList<string> DcosVersions)
{
    /// <summary>Errors and warnings for the default versions.</summary>
    public static ValidationOptions Full { get; } = new(true, Build.DcosVersions.Default);

    /// <summary>Errors only (what <c>build</c> needs).</summary>
    public static ValidationOptions ErrorsOnly { get; } = new(false, Build.DcosVersions.Default);
}
