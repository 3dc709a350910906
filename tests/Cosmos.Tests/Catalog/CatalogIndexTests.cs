using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;
using static Universe.Cosmos.Tests.Catalog.InMemoryPackageCatalog;

namespace Universe.Cosmos.Tests.Catalog;

public sealed class CatalogIndexTests
{
    [Fact]
    public void Packages_SameNameInTwoRepositories_SortedByRepositoryIndexThenReleaseDescending()
    {
        var index = Build([Package("a", "88", 1)], [Package("a", "99", 2)]);

        var merged = index.Packages.Select(p => p.Package.Version).ToList();

        Assert.Equal(["88", "99"], merged);
    }

    [Fact]
    public void Packages_SameCoordinateInTwoRepositories_KeepsLowestRepositoryIndex()
    {
        var index = Build([Package("a", "99", 2)], [Package("a", "99", 3)]);

        var merged = index.Packages.Select(p => (p.Package.Version, p.Package.ReleaseVersion, p.RepositoryIndex)).ToList();

        Assert.Equal([("99", 2L, 0)], merged);
    }

    [Fact]
    public void Resolve_NoVersion_TakesHighestReleaseOfLowestIndexedRepository()
    {
        var index = Build(
            [Package("a", "1.0", 1), Package("a", "1.1", 5), Package("b", "1", 1)],
            [Package("a", "9.0", 10)]);

        var resolved = PackageResolver.Resolve(index, "a", null);

        Assert.Equal("1.1", resolved.Version);
    }

    [Fact]
    public void Resolve_VersionOnlyInSecondRepository_FindsIt()
    {
        var index = Build([Package("a", "1.0", 1)], [Package("a", "9.0", 10)]);

        var resolved = PackageResolver.Resolve(index, "a", "9.0");

        Assert.Equal(10, resolved.ReleaseVersion);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsPackageNotFound()
    {
        var index = Build([Package("a", "1.0", 1)]);

        var error = Assert.Throws<CosmosException>(() => PackageResolver.Resolve(index, "A", null)).Error;

        Assert.Equal(new PackageNotFound("A"), error);
    }

    [Fact]
    public void Resolve_UnknownVersion_ThrowsVersionNotFound()
    {
        var index = Build([Package("a", "1.0", 1)]);

        var error = Assert.Throws<CosmosException>(() => PackageResolver.Resolve(index, "a", "1.0.0")).Error;

        Assert.Equal(new VersionNotFound("a", "1.0.0"), error);
    }

    [Fact]
    public void SearchEntries_DefaultRevision_GivesFieldsAndAllVersions()
    {
        var index = Build(
            [Package("a", "1.0", 1, """{"description":"old"}"""), Package("a", "1.1", 2, """{"description":"new","selected":true}""")],
            [Package("a", "2.0", 7, """{"description":"other repo"}""")]);

        var entry = Assert.Single(index.SearchEntries);

        Assert.Equal(("1.1", "new", true), (entry.CurrentVersion, entry.Description, entry.Selected));
        Assert.Equal(["1.1=2", "1.0=1", "2.0=7"], entry.Versions.Select(v => $"{v.Key}={v.Value}"));
    }

    [Fact]
    public void For_SameGeneration_ReusesIndexAndRebuildsOnNewGeneration()
    {
        var catalog = new InMemoryPackageCatalog([Package("a", "1.0", 1)]);
        var provider = new CatalogIndexProvider(catalog);
        var first = provider.For(catalog.Current);

        var again = provider.For(catalog.Current);
        catalog.Replace([Package("b", "1.0", 1)]);
        var next = provider.For(catalog.Current);

        Assert.Same(first, again);
        Assert.Equal(["b"], next.SearchEntries.Select(e => e.Name));
    }

    private static CatalogIndex Build(params IReadOnlyList<PackageDefinition>[] repositories) =>
        new(new CatalogSnapshot([.. repositories.Select((p, i) => new RepositoryPackages(i, $"r{i}", $"file:///r{i}", p))], 1));
}
