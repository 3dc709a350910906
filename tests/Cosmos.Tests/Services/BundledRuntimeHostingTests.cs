using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Universe.Cosmos.Tests.Services;

public sealed class BundledRuntimeHostingTests
{
    [Fact]
    public async Task NoMarathonUrl_RuntimeServedUnderMarathonWithDataInCosmosDataDirectory()
    {
        await using var host = new ServicesHost();

        using var ping = await host.Client.GetAsync("/marathon/ping");
        await host.InstallAsync(new { packageName = "ticker" });
        var configured = host.Services.GetRequiredService<IConfiguration>()["Runtime:DataDirectory"];

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "runtime", "runtime.db")));
        Assert.Null(configured); // the default comes from options (PostConfigure), registration never writes configuration

    }
}
