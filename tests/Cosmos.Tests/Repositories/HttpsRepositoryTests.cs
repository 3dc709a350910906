using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class HttpsRepositoryTests
{
    [Fact]
    public async Task Add_HttpsRepoWithPrivateCertificate_ServesWithTrustFileAndIsRefusedWithout()
    {
        using var certificate = TestCertificates.CreateLoopbackServer();
        var body = await RepoIndexWriter.ToBytesAsync([TestPackages.Package("gamma", 0)]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        await using var server = builder.Build();
        server.MapGet("/repo.json", () => Results.Bytes(body, "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4"));
        await server.StartAsync();
        var port = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var uri = $"https://localhost:{port}/repo.json";
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
