using System.Text;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class HttpRepositoryTests : IAsyncLifetime
{
    private RepositoryTestHost _host = null!;
    private RepoHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _host = await RepositoryTestHost.StartAsync();
        _server = await RepoHttpServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _host.DisposeAllAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Add_RepoJson_ServesItsPackages(bool gzip)
    {
        var body = await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0), TestPackages.Package("gamma", 1, "4.0")], gzip);
        _server.Set("/repo", new RepoHttpServer.Document(body, ContentEncoding: gzip ? "gzip" : null));

        var list = await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo")), CancellationToken.None);

        Assert.Equal(RepositoryStatus.Ok, list[1].Status.State);
        var remote = _host.Registry.Current.Repositories[1];
        Assert.Equal([1L, 0L], remote.Packages.Select(p => p.ReleaseVersion));
        Assert.True(remote.Packages[1].Json["someFutureField"]!["kept"]!.GetValue<bool>());
        Assert.Contains("/repo ", _server.Requests);
    }

    [Fact]
    public async Task Add_GzipFileServedAsPlainJson_IsDetectedByMagicBytes()
    {
        var body = await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)], gzip: true);
        _server.Set("/repo.json.gz", new RepoHttpServer.Document(body, ContentType: "application/json"));

        await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo.json.gz")), CancellationToken.None);

        Assert.Equal("gamma", _host.Registry.Current.Repositories[1].Packages.Single().Name);
    }

    [Fact]
    public async Task Refresh_SameETag_Gets304AndKeepsPackages()
    {
        var body = await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)]);
        _server.Set("/repo", new RepoHttpServer.Document(body, ETag: "\"v1\""));
        await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo")), CancellationToken.None);

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Equal(1, _server.NotModifiedCount);
        Assert.Contains("/repo \"v1\"", _server.Requests);
        Assert.Equal("gamma", _host.Registry.Current.Repositories[1].Packages.Single().Name);
        Assert.Equal(RepositoryStatus.Ok, (await _host.Registry.ListAsync(CancellationToken.None))[1].Status.State);
    }

    [Fact]
    public async Task Refresh_SameLastModified_Gets304()
    {
        var body = await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)]);
        _server.Set("/repo", new RepoHttpServer.Document(body, LastModified: "Wed, 01 Jan 2025 00:00:00 GMT"));
        await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo")), CancellationToken.None);

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Equal(1, _server.NotModifiedCount);
        Assert.Equal("gamma", _host.Registry.Current.Repositories[1].Packages.Single().Name);
    }

    [Fact]
    public async Task Refresh_ChangedDocument_ReplacesPackages()
    {
        _server.Set("/repo", new RepoHttpServer.Document(await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)]), ETag: "\"v1\""));
        await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo")), CancellationToken.None);
        _server.Set("/repo", new RepoHttpServer.Document(await RepoIndexWriter.ToBytesAsync([TestPackages.Package("delta", 0)]), ETag: "\"v2\""));
        var before = _host.Registry.Current.Generation;

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Equal("delta", _host.Registry.Current.Repositories[1].Packages.Single().Name);
        Assert.True(_host.Registry.Current.Generation > before);
    }

    [Fact]
    public async Task Refresh_BrokenRepository_KeepsItsLastPackagesAndOthersServe()
    {
        _server.Set("/repo", new RepoHttpServer.Document(await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)])));
        await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo")), CancellationToken.None);
        _server.Set("/repo", new RepoHttpServer.Document([], Status: 503));

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        var list = await _host.Registry.ListAsync(CancellationToken.None);
        Assert.Equal(RepositoryStatus.Ok, list[0].Status.State);
        Assert.Equal(RepositoryStatus.Error, list[1].Status.State);
        Assert.Contains("GET 503", list[1].Status.Message, StringComparison.Ordinal);
        var snapshot = await _host.Registry.GetAsync(CancellationToken.None);
        Assert.Equal(3, snapshot.Repositories[0].Packages.Count);
        Assert.Equal("gamma", snapshot.Repositories[1].Packages.Single().Name);
    }

    [Fact]
    public async Task Add_OneUndecodablePackage_KeepsTheRestAndReportsIt()
    {
        var bad = TestPackages.Json("broken", 0);
        bad["packagingVersion"] = "1.0";
        var document = new JsonObject { ["packages"] = new JsonArray(TestPackages.Json("gamma", 0), bad, TestPackages.Json("delta", 0)) };
        _server.Set("/repo", new RepoHttpServer.Document(Encoding.UTF8.GetBytes(document.ToJsonString())));

        var list = await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/repo")), CancellationToken.None);

        var status = list[1].Status;
        Assert.Equal(RepositoryStatus.Degraded, status.State);
        Assert.Equal(2, status.Packages);
        Assert.Equal("packages[1] (broken/0): Expected one of [2.0, 3.0, 4.0, 5.0] for packaging version, but found [1.0]", Assert.Single(status.Errors!));
        Assert.Equal(["delta", "gamma"], _host.Registry.Current.Repositories[1].Packages.Select(p => p.Name));
    }

    [Fact]
    public async Task Add_HtmlPage_ThrowsUnsupportedContentType()
    {
        _server.Set("/page", new RepoHttpServer.Document("<html></html>"u8.ToArray(), ContentType: "text/html;charset=iso-8859-1"));

        var error = await AddFails<UnsupportedContentType>(_server.Url("/page"));

        Assert.Equal(
            "Unsupported Content-Type: text/html;charset=iso-8859-1 Accept: [application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4, application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3]",
            error.Message);
    }

    [Fact]
    public async Task Add_NotFound_ThrowsUniverseClientHttpError()
    {
        var error = await AddFails<UniverseClientHttpError>(_server.Url("/missing"));

        Assert.Equal($"Unexpected upstream http error while fetching repository 'Remote' at {_server.Url("/missing")}: GET 404", error.Message);
        Assert.Equal(404, error.ClientStatus);
    }

    [Fact]
    public async Task Add_RedirectToAnotherScheme_ThrowsUnsupportedRedirect()
    {
        _server.Set("/moved", new RepoHttpServer.Document([], Location: "ftp://example.com/repo"));

        var error = await AddFails<UnsupportedRedirect>(_server.Url("/moved"));

        Assert.Equal("Unsupported redirect scheme - supported: [http, https] actual: ftp", error.Message);
    }

    [Fact]
    public async Task Add_SameSchemeRedirect_IsFollowed()
    {
        _server.Set("/repo", new RepoHttpServer.Document(await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)])));
        _server.Set("/moved", new RepoHttpServer.Document([], Location: "/repo"));

        await _host.Registry.AddAsync(new RepositoryAddRequest("Remote", _server.Url("/moved")), CancellationToken.None);

        Assert.Equal("gamma", _host.Registry.Current.Repositories[1].Packages.Single().Name);
    }

    [Fact]
    public async Task Add_ConnectionRefused_ThrowsRepositoryUriConnection()
    {
        var error = await AddFails<RepositoryUriConnection>("http://127.0.0.1:1/repo");

        Assert.Equal("Could not access data at URI for repository [Remote]: http://127.0.0.1:1/repo", error.Message);
        Assert.NotEmpty(error.Cause);
        Assert.Single(_host.Registry.Current.Repositories);
    }

    private async Task<T> AddFails<T>(string uri)
        where T : CosmosError
    {
        var e = await Assert.ThrowsAsync<CosmosException>(() => _host.Registry.AddAsync(new RepositoryAddRequest("Remote", uri), CancellationToken.None));
        return Assert.IsType<T>(e.Error);
    }
}
