using System.Net;
using Universe.Builder.Tests.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Packages;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.EndToEnd;

/// <summary>Cosmos with <c>Cosmos:Proxy:*</c>: repository fetches go through squid with basic auth, and the forgery guard still applies to what the proxy is asked to reach.</summary>
public sealed class CosmosProxyTests : IDisposable
{
    private readonly MirrorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [RegistryFact("squid")]
    public async Task RepositoryAdd_ThroughAuthenticatedProxy_FetchedViaSquidAndGuardRefusesLinkLocalBeforeTheProxy()
    {
        await using var squid = await SquidProxy.StartAsync("carol", "c0smos-Proxy");
        await using var upstream = await UpstreamServer.StartAsync();
        _harness.AddPackage("proxied", "1.0", 0, MirrorRunnerTests.Resource(assets: []));
        upstream.Add("repo.json", await RepoIndexWriter.ToBytesAsync(UniverseTreeReader.Read(Path.Combine(_harness.Source, "repo", "packages")).Packages), RepoMediaTypes.ForVersion(4));
        var credentials = Path.Combine(_harness.Root, "cosmos-proxy.credentials");
        await File.WriteAllTextAsync(credentials, "carol:c0smos-Proxy\n");
        await using var cosmos = await CosmosProcess.StartAsync($"--Cosmos:Proxy:Url={squid.Url}", $"--Cosmos:Proxy:CredentialsFile={credentials}");

        var (added, addedBody) = await cosmos.RpcAsync("/package/repository/add", "package.repository.add", "v1", new { name = "via-proxy", uri = upstream.Url("repo.json"), index = 0 });
        var (refused, refusedBody) = await cosmos.RpcAsync("/package/repository/add", "package.repository.add", "v1", new { name = "metadata", uri = "http://169.254.169.254/latest/meta-data", index = 0 });

        Assert.True(added == HttpStatusCode.OK, addedBody?.ToJsonString());
        Assert.Contains("/repo.json", squid.AccessLog, StringComparison.Ordinal);
        Assert.Contains("carol", squid.AccessLog, StringComparison.Ordinal);
        Assert.Equal(1, upstream.Hits("repo.json"));
        Assert.True((int)refused is >= 400 and < 500, refusedBody?.ToJsonString());
        Assert.Contains("forgery guard", refusedBody?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("169.254.169.254", squid.AccessLog, StringComparison.Ordinal);
    }
}
