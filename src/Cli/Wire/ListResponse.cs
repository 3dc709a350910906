namespace Universe.Cli.Wire;

/// <summary><c>POST /package/list</c> response.</summary>
public sealed record ListResponse(IReadOnlyList<InstalledPackage> Packages);
