namespace Universe.Cli.Wire;

/// <summary>One installed app in a list response.</summary>
public sealed record InstalledPackage(string AppId, InstalledPackageInformation PackageInformation);
