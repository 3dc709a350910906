namespace Universe.Cosmos.Repositories;

/// <summary>A configured repository as Cosmos stores and lists it: a unique name and URI.</summary>
public sealed record PackageRepository(string Name, string Uri);
