namespace Universe.Cosmos.Packages;

/// <summary>One package revision that could not be decoded: where it is (a tree path or <c>packages[i]</c>) and why.</summary>
public sealed record PackageLoadError(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
