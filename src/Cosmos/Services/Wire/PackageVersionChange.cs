namespace Universe.Cosmos.Services.Wire;

/// <summary>The package version a <c>service/diff</c> would move from and to, and whether <c>upgradesFrom</c>/<c>downgradesTo</c> allow it.</summary>
public sealed record PackageVersionChange(string From, string To, bool Allowed, string? Reason = null);
