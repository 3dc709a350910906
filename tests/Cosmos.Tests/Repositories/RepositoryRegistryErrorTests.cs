using System.Text.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class RepositoryRegistryErrorTests : IAsyncLifetime
{
    private RepositoryTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RepositoryTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAllAsync();

    [Fact]
    public async Task Add_NameAndUriBothPresent_ReportsBoth()
    {
        var error = await AddFails<RepositoryAlreadyPresent>("Universe", _host.DefaultTree);

        Assert.Equal($"Repository name [Universe] and URI [{_host.DefaultTree}] are both already present in the list", error.Message);
        Assert.Equal($$"""{"name":"Universe","uri":{{JsonSerializer.Serialize(_host.DefaultTree)}}}""", Data(error));
    }

    [Fact]
    public async Task Add_UriPresent_ReportsUri()
    {
        var error = await AddFails<RepositoryAlreadyPresent>("Another", _host.DefaultTree);

        Assert.Equal($"Repository URI [{_host.DefaultTree}] is already present in the list", error.Message);
    }

    [Theory]
    [InlineData(int.MaxValue, "Index (2147483647) is out of range. Index value must be between 0 and 1 inclusive.")]
    [InlineData(-1, "Index (-1) is out of range. Index value must be between 0 and 1 inclusive.")]
    public async Task Add_IndexOutOfRange_ThrowsRepositoryAddIndexOutOfBounds(int index, string message)
    {
        var error = await AddFails<RepositoryAddIndexOutOfBounds>("Other", _host.Tree("other", ("gamma", 0)), index);

        Assert.Equal(message, error.Message);
        Assert.Equal($$"""{"attempted":{{index}},"max":1}""", Data(error));
    }

    [Fact]
    public async Task Add_IndexOutOfRangeOnEmptyList_SaysAtMostZero()
    {
        await _host.Registry.DeleteAsync(new RepositoryDeleteRequest("Universe"), CancellationToken.None);

        var error = await AddFails<RepositoryAddIndexOutOfBounds>("Other", _host.Tree("other", ("gamma", 0)), 1);

        Assert.Equal("Index (1) is out of range. Index value can be at most 0", error.Message);
    }

    [Theory]
    [InlineData("ftp://example.com/repo")]
    [InlineData("git+ssh://git@example.com/universe.git")]
    public async Task Add_UnsupportedScheme_ThrowsUnsupportedRepositoryUri(string uri)
    {
        var error = await AddFails<UnsupportedRepositoryUri>("Other", uri);

        Assert.Equal($"Repository URI [{uri}] uses an unsupported scheme. Only http and https are supported", error.Message);
        Assert.Equal(uri, System.Text.Json.Nodes.JsonNode.Parse(Data(error))!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Add_InvalidSyntax_ThrowsRepositoryUriSyntax()
    {
        var error = await AddFails<RepositoryUriSyntax>("Other", "not a uri");

        Assert.Equal("URI for repository [Other] has invalid syntax: not a uri", error.Message);
        Assert.Equal("Other", error.Repository.Name);
    }

    [Fact]
    public async Task Add_MissingPath_ThrowsRepositoryUriConnection()
    {
        var path = _host.Temp.Combine("nothing-here");

        var error = await AddFails<RepositoryUriConnection>("Other", path);

        Assert.Equal($"Could not access data at URI for repository [Other]: {path}", error.Message);
        Assert.StartsWith($$"""{"repository":{"name":"Other","uri":{{JsonSerializer.Serialize(path)}}},"cause":""", Data(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "x")]
    [InlineData("x", "")]
    public async Task Add_NameOrUriMissing_ThrowsRepoNameOrUriMissing(string? name, string? uri)
    {
        var error = await AddFails<RepoNameOrUriMissing>(name, uri);

        Assert.Equal("Must specify either the name or URI of the repository", error.Message);
    }

    [Fact]
    public async Task Delete_NeitherNameNorUri_ThrowsRepoNameOrUriMissing()
    {
        var e = await Assert.ThrowsAsync<CosmosException>(() => _host.Registry.DeleteAsync(new RepositoryDeleteRequest(), CancellationToken.None));

        Assert.IsType<RepoNameOrUriMissing>(e.Error);
    }

    [Theory]
    [InlineData("nope", null, "Repository name [nope] is not present in the list")]
    [InlineData(null, "http://nope/", "Repository URI [http://nope/] is not present in the list")]
    [InlineData("Universe", "http://nope/", "Neither repository name [Universe] nor URI [http://nope/] are present in the list")]
    public async Task Delete_NoMatch_ThrowsRepositoryNotPresent(string? name, string? uri, string message)
    {
        var e = await Assert.ThrowsAsync<CosmosException>(() => _host.Registry.DeleteAsync(new RepositoryDeleteRequest(name, uri), CancellationToken.None));

        var error = Assert.IsType<RepositoryNotPresent>(e.Error);
        Assert.Equal(message, error.Message);
        Assert.Equal(["Universe"], _host.Registry.Current.Repositories.Select(r => r.Name));
    }

    [Fact]
    public async Task Delete_NameAndUriOfSameEntry_Removes()
    {
        var list = await _host.Registry.DeleteAsync(new RepositoryDeleteRequest("Universe", _host.DefaultTree), CancellationToken.None);

        Assert.Empty(list);
        Assert.Empty((await _host.Registry.GetAsync(CancellationToken.None)).Repositories);
    }

    private async Task<T> AddFails<T>(string? name, string? uri, int? index = null)
        where T : CosmosError
    {
        var e = await Assert.ThrowsAsync<CosmosException>(() => _host.Registry.AddAsync(new RepositoryAddRequest(name, uri, index), CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.Error.Status);
        return Assert.IsType<T>(e.Error);
    }

    private static string Data(CosmosError error) => JsonSerializer.Serialize(error, error.GetType(), JsonSerializerOptions.Web);
}
