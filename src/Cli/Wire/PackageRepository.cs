namespace Universe.Cli.Wire;

/// <summary>A configured repository (index 0 has the highest priority).</summary>
public sealed record PackageRepository(string Name, string Uri);
