using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class HttpsRepositoryTests
{
    [Fact]
    public async Task Add_HttpsRepoWithPrivateCertificate_ServesWithTrustFileAndIsRefusedWithout()
    {
        using var certificate = TestCertificates.CreateLoopbackServer();
        var body = await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)]);
        await using var server = await LoopbackServer.StartAsync(
            app => app.MapGet("/repo.json", () => Results.Bytes(body, "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4")),
            certificate);
        var uri = $"https://localhost:{server.BaseAddress.Port}/repo.json";
        var temp = new TempDirectory();
        var pem = TestCertificates.WritePem(certificate, temp.Combine("trusted.pem"));
        var plain = await RepositoryTestHost.StartAsync();
        var trusting = await RepositoryTestHost.StartAsync(new() { ["Cosmos:Fetch:TrustedCertificatesFile"] = pem }, temp);
        try
        {
            var refused = await Assert.ThrowsAsync<CosmosException>(() => plain.Registry.AddAsync(new RepositoryAddRequest("Tls", uri), CancellationToken.None));
            await trusting.Registry.AddAsync(new RepositoryAddRequest("Tls", uri), CancellationToken.None);

            Assert.IsType<RepositoryUriConnection>(refused.Error);
            Assert.Equal("gamma", trusting.Registry.Current.Repositories[1].Packages.Single().Name);
        }
        finally
        {
            await plain.DisposeAllAsync();
            await trusting.DisposeAllAsync();
        }
    }
}
