namespace Universe.Cosmos.Packages;

/// <summary>A package name and version.</summary>
public sealed record PackageCoordinate(string Name, string Version)
{
    public override string ToString() => $"{Name}@{Version}";
}
