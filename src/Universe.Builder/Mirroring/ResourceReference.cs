namespace Universe.Builder.Mirroring;

/// <summary>One HTTP resource a package references: its URL, where, and the sha256 the package declares (CLI binaries).</summary>
public sealed record ResourceReference(string Url, ArtifactKind Kind, string? Sha256);
