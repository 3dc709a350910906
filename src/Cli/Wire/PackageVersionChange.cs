namespace Universe.Cli.Wire;

/// <summary>The package version change of a diff and whether it is allowed.</summary>
public sealed record PackageVersionChange(string From, string To, bool Allowed, string? Reason);
