namespace Universe.Builder.Build;

/// <summary>Arguments of <c>universe build</c>.</summary>
public sealed record BuildArgs(string Repository, string OutDir, IReadOnlyList<string> DcosVersions, bool SkipValidation);
