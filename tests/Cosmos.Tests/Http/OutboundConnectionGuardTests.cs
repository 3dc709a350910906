using System.Net;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;
using Universe.Cosmos.Tests.Repositories;

namespace Universe.Cosmos.Tests.Http;

public sealed class OutboundConnectionGuardTests
{
    [Theory]
    [InlineData("169.254.169.254", false, "blocked network 169.254.0.0/16")]
    [InlineData("::ffff:169.254.169.254", false, "blocked network 169.254.0.0/16")]
    [InlineData("fe80::1", false, "blocked network fe80::/10")]
    [InlineData("fd00:ec2::254", false, "blocked network fd00:ec2::254/128")]
    [InlineData("0.0.0.0", false, "an unspecified address")]
    [InlineData("::", false, "an unspecified address")]
    [InlineData("239.1.2.3", false, "blocked network 224.0.0.0/4")]
    [InlineData("10.1.2.3", false, "blocked network 10.0.0.0/8")]
    [InlineData("127.0.0.1", true, "loopback, while Cosmos listens on a non-loopback address")]
    [InlineData("::1", true, "loopback, while Cosmos listens on a non-loopback address")]
    public void Refusal_BlockedAddress_SaysWhy(string address, bool refuseLoopback, string expected)
    {
        var guard = new OutboundConnectionGuard([IPNetwork.Parse("10.0.0.0/8")], () => refuseLoopback);

        Assert.Equal(expected, guard.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("192.168.1.10")]
    [InlineData("11.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Refusal_AllowedAddress_IsNull(string address)
    {
        var guard = new OutboundConnectionGuard([IPNetwork.Parse("10.0.0.0/8")], () => false);

        Assert.Null(guard.Refusal(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task AddRepository_MetadataAddress_IsRefusedBeforeConnecting()
    {
        var host = await RepositoryTestHost.StartAsync();
        try
        {
            var e = await Assert.ThrowsAsync<CosmosException>(() => host.Registry.AddAsync(
                new RepositoryAddRequest("Metadata", "http://169.254.169.254/latest/meta-data/"), CancellationToken.None));

            var error = Assert.IsType<RepositoryUriConnection>(e.Error);
            Assert.Contains("Refusing to connect to 169.254.169.254: blocked network 169.254.0.0/16", error.Cause, StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task AddRepository_HostNameResolvingIntoBlockedNetwork_IsRefusedThoughTheServerAnswers()
    {
        await using var server = await RepoHttpServer.StartAsync();
        server.Set("/repo", new RepoHttpServer.Document(await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)])));
        var byName = $"http://localhost:{server.BaseAddress.Port}/repo";
        var open = await RepositoryTestHost.StartAsync();
        var guarded = await RepositoryTestHost.StartAsync(new() { ["Cosmos:Fetch:BlockedNetworks:0"] = "127.0.0.0/8", ["Cosmos:Fetch:BlockedNetworks:1"] = "::1/128" });
        try
        {
            await open.Registry.AddAsync(new RepositoryAddRequest("Remote", byName), CancellationToken.None);
            var e = await Assert.ThrowsAsync<CosmosException>(() => guarded.Registry.AddAsync(new RepositoryAddRequest("Remote", byName), CancellationToken.None));

            Assert.Equal("gamma", open.Registry.Current.Repositories[1].Packages.Single().Name);
            Assert.Contains("Refusing to connect to localhost", Assert.IsType<RepositoryUriConnection>(e.Error).Cause, StringComparison.Ordinal);
        }
        finally
        {
            await open.DisposeAllAsync();
            await guarded.DisposeAllAsync();
        }
    }
}
