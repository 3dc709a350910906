using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class LocalRepositoryTests : IAsyncLifetime
{
    private RepositoryTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RepositoryTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAllAsync();

    [Theory]
    [InlineData("repo.json", false)]
    [InlineData("repo.json.gz", true)]
    public async Task Add_RepoJsonFile_ServesItsPackages(string file, bool gzip)
    {
        var path = _host.Temp.Combine(file);
        await File.WriteAllBytesAsync(path, await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 3)], gzip));

        await _host.Registry.AddAsync(new RepositoryAddRequest("File", new Uri(path).AbsoluteUri), CancellationToken.None);

        Assert.Equal(3, _host.Registry.Current.Repositories[1].Packages.Single().ReleaseVersion);
    }

    [Theory]
    [InlineData("root:$6$secret-hash:19000:0:99999:7:::\n", false)]
    [InlineData("{\"secret-key\": 1, \"x\": [tru", false)]
    [InlineData("{\"packages\": \"secret-value\"}", false)]
    [InlineData("secret-value", true)]
    public async Task Add_FileThatIsNotAnIndex_ErrorNeverEchoesItsContent(string content, bool fakeGzip)
    {
        var path = _host.Temp.Combine(fakeGzip ? "shadow.gz" : "shadow");
        await File.WriteAllBytesAsync(path, fakeGzip ? [0x1f, 0x8b, .. System.Text.Encoding.UTF8.GetBytes(content)] : System.Text.Encoding.UTF8.GetBytes(content));

        var error = await Assert.ThrowsAsync<Universe.Cosmos.Errors.CosmosException>(
            () => _host.Registry.AddAsync(new RepositoryAddRequest("Shadow", new Uri(path).AbsoluteUri), CancellationToken.None));

        var cause = Assert.IsType<RepositoryUriConnection>(error.Error).Cause;
        Assert.StartsWith("Not a repository index", cause, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", cause, StringComparison.Ordinal);
        Assert.DoesNotContain("root", cause, StringComparison.Ordinal);
        Assert.DoesNotContain("'", cause, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_PackagesDirectory_ReadsTheTree()
    {
        var root = _host.Tree("other", ("gamma", 0));

        await _host.Registry.AddAsync(new RepositoryAddRequest("Packages", Path.Combine(root, "repo", "packages")), CancellationToken.None);

        Assert.Equal("gamma", _host.Registry.Current.Repositories[1].Packages.Single().Name);
    }

    [Fact]
    public async Task Refresh_UnchangedTree_KeepsTheSamePackages()
    {
        var before = _host.Registry.Current.Repositories[0].Packages;

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Same(before, _host.Registry.Current.Repositories[0].Packages);
    }

    [Fact]
    public async Task Refresh_NewRevisionInTree_IsServed()
    {
        TestPackages.WriteTree(_host.DefaultTree, ("alpha", 2));

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Equal([2L, 1L, 0L], _host.Registry.Current.Repositories[0].Packages.Where(p => p.Name == "alpha").Select(p => p.ReleaseVersion));
    }

    [Fact]
    public async Task Refresh_TreeRemoved_ReportsErrorAndKeepsServing()
    {
        Directory.Delete(_host.DefaultTree, recursive: true);

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        var status = (await _host.Registry.ListAsync(CancellationToken.None)).Single().Status;
        Assert.Equal(RepositoryStatus.Error, status.State);
        Assert.Equal(3, status.Packages);
        Assert.Equal(3, (await _host.Registry.GetAsync(CancellationToken.None)).Repositories[0].Packages.Count);
    }
}
