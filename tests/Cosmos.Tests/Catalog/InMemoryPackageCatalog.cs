using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Tests.Catalog;

/// <summary>A hand-written <see cref="IPackageCatalog"/> over packages built in the test; <see cref="Replace"/> publishes a new generation.</summary>
public sealed class InMemoryPackageCatalog : IPackageCatalog
{
    private CatalogSnapshot _current;

    public InMemoryPackageCatalog(params IReadOnlyList<PackageDefinition>[] repositories)
    {
        _current = Build(repositories, generation: 1);
    }

    public CatalogSnapshot Current => Volatile.Read(ref _current);

    public Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    /// <summary>Replaces every repository with <paramref name="repositories"/> (index 0 first) under a new generation.</summary>
    public void Replace(params IReadOnlyList<PackageDefinition>[] repositories) =>
        Volatile.Write(ref _current, Build(repositories, Current.Generation + 1));

    /// <summary>A package revision with the required fields plus <paramref name="extra"/> (a JSON object text).</summary>
    public static PackageDefinition Package(string name, string version, long releaseVersion, string extra = "{}", string packagingVersion = "3.0")
    {
        var json = JsonNode.Parse(extra)!.AsObject();
        json["packagingVersion"] ??= packagingVersion;
        json["name"] = name;
        json["version"] = version;
        json["releaseVersion"] = releaseVersion;
        json["maintainer"] ??= "support@example.com";
        json["description"] ??= $"The {name} package";
        json["tags"] ??= new JsonArray();
        return new PackageDefinition(json);
    }

    private static CatalogSnapshot Build(IReadOnlyList<PackageDefinition>[] repositories, long generation) =>
        new([.. repositories.Select((packages, i) => new RepositoryPackages(i, $"repo{i}", $"file:///repo{i}", packages))], generation);
}
