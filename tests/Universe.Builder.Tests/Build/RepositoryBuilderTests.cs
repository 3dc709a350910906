using Universe.Builder.Build;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Tests.Build;

public sealed class RepositoryBuilderTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("builder-tests-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public async Task Build_BundledUniverse_WritesIndexThatReadsBackSortedAndComplete()
    {
        var load = RepositoryBuilder.Load(FindBundledUniverse(), CancellationToken.None);

        var written = await RepositoryBuilder.WriteAsync(load.Packages, _temp, CancellationToken.None);
        var reread = await RepoIndexReader.ReadFileAsync(written[0]);

        Assert.Empty(load.Errors);
        Assert.True(load.Packages.Count >= 5, $"bundled universe has {load.Packages.Count} revisions");
        Assert.Empty(reread.Errors);
        Assert.Equal(
            load.Packages.Select(p => p.Json.ToJsonString()),
            reread.Packages.Select(p => p.Json.ToJsonString()));
        Assert.Equal(
            load.Packages.Select(p => (p.Name, p.ReleaseVersion)).Order(),
            load.Packages.Select(p => (p.Name, p.ReleaseVersion)));
        Assert.Equal(RepositoryBuilder.UniverseContentType, await File.ReadAllTextAsync(Path.Combine(_temp, "universe.content_type")));
        Assert.Equal("""{"packages":[]}""", await File.ReadAllTextAsync(written[1]));
    }

    [Fact]
    public void Load_RevisionWithBrokenPackageJson_ReportsItAndKeepsTheRest()
    {
        var packages = Path.Combine(_temp, "repo", "packages");
        WriteRevision(packages, "good", 0, """{"packagingVersion":"3.0","name":"good","version":"1.0","maintainer":"m","description":"d","tags":["t"]}""");
        WriteRevision(packages, "bad", 0, """{"packagingVersion":"3.0","name":""");

        var load = RepositoryBuilder.Load(_temp, CancellationToken.None);

        Assert.Equal("good", Assert.Single(load.Packages).Name);
        Assert.Contains("bad", Assert.Single(load.Errors).Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryWithoutTree_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => RepositoryBuilder.Load(Path.Combine(_temp, "nowhere"), CancellationToken.None));
    }

    private static void WriteRevision(string packages, string name, int release, string packageJson)
    {
        var dir = Path.Combine(packages, char.ToUpperInvariant(name[0]).ToString(), name, release.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "package.json"), packageJson);
    }

    private static string FindBundledUniverse()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "universe", "repo", "packages");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "universe");
            }
        }

        throw new DirectoryNotFoundException("The bundled universe/ was not found above the test binaries.");
    }
}
