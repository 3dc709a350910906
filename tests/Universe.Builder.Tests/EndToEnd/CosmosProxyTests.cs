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

    [RegistryFact("squid")]
    public async Task GitRepositoryAdd_HttpsRemoteBehindAuthenticatedProxy_ClonedThroughSquidWithTheTrustedCa()
    {
        await using var squid = await SquidProxy.StartAsync("carol", "c0smos-Git-Proxy");
        _harness.AddPackage("fromgit", "1.0", 0, MirrorRunnerTests.Resource(assets: []));
        var projects = Path.Combine(_harness.Root, "git");
        await GitCli.PublishAsync(_harness.Source, projects);
        using var ca = new TestCertificateAuthority();
        using var certificate = ca.IssueLoopbackServer();
        await using var https = await Universe.Cosmos.Tests.Repositories.GitHttpServer.StartAsync(projects, certificate);
        await using var http = await Universe.Cosmos.Tests.Repositories.GitHttpServer.StartAsync(projects);
        var caFile = ca.WriteCaPem(Path.Combine(_harness.Root, "internal-ca.pem"));
        var credentials = Path.Combine(_harness.Root, "cosmos-proxy.credentials");
        await File.WriteAllTextAsync(credentials, "carol:c0smos-Git-Proxy\n");
        var remote = $"git+https://127.0.0.1:{https.BaseAddress.Port}/universe.git#main";

        await using (var anonymous = await CosmosProcess.StartAsync($"--Cosmos:Proxy:Url={squid.Url}", $"--Cosmos:Fetch:TrustedCertificatesFile={caFile}"))
        {
            var (refused, refusedBody) = await anonymous.RpcAsync("/package/repository/add", "package.repository.add", "v1", new { name = "git-no-credentials", uri = remote, index = 0 });
            Assert.True((int)refused is >= 400 and < 500, refusedBody?.ToJsonString());
            Assert.Contains("407", refusedBody?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal(0, https.RequestCount);
        }

        await using var cosmos = await CosmosProcess.StartAsync(
            $"--Cosmos:Proxy:Url={squid.Url}", $"--Cosmos:Proxy:CredentialsFile={credentials}", $"--Cosmos:Fetch:TrustedCertificatesFile={caFile}");
        var (added, addedBody) = await cosmos.RpcAsync("/package/repository/add", "package.repository.add", "v1", new { name = "git-via-proxy", uri = remote, index = 0 });
        var (plain, plainBody) = await cosmos.RpcAsync("/package/repository/add", "package.repository.add", "v1",
            new { name = "git-plain-http", uri = $"git+http://127.0.0.1:{http.BaseAddress.Port}/universe.git#main", index = 0 });
        var (_, search) = await cosmos.RpcAsync("/package/search", "package.search", "v1", new { query = "fromgit" });
        var log = await squid.WaitForLogAsync($"CONNECT 127.0.0.1:{https.BaseAddress.Port} carol");

        Assert.True(added == HttpStatusCode.OK, addedBody?.ToJsonString());
        Assert.Contains("fromgit", search?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains($"TCP_TUNNEL/200", log, StringComparison.Ordinal);
        Assert.Contains($"CONNECT 127.0.0.1:{https.BaseAddress.Port} carol", log, StringComparison.Ordinal);
        Assert.True(https.RequestCount >= 2, $"git server saw {https.RequestCount} requests");
        Assert.True((int)plain is >= 400 and < 500, plainBody?.ToJsonString());
        Assert.Contains("plain-http git remote through the proxy", plainBody?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(0, http.RequestCount);
        Assert.DoesNotContain("c0smos-Git-Proxy", addedBody?.ToJsonString() + plainBody?.ToJsonString(), StringComparison.Ordinal);
    }
}
