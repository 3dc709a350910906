using System.Net;
using System.Net.Sockets;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Services;

/// <summary>Cosmos pointed at an external Marathon (<c>Cosmos:Marathon:Url</c>) that is not there.</summary>
public sealed class ExternalMarathonTests
{
    [Fact]
    public async Task Rpcs_MarathonUnreachable_Return503ServiceUnavailable()
    {
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Marathon:Url"] = $"http://127.0.0.1:{ClosedPort()}" });

        var (installStatus, install) = await host.InstallAsync(new { packageName = "ticker" });
        var (listStatus, _) = await host.ListAsync(new { });
        var (describeStatus, _) = await host.DescribeServiceAsync(new { appId = "/ticker" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, installStatus);
        Assert.Equal("""{"type":"ServiceUnavailable","message":"Unable to complete request due to service [marathon] unavailability","data":{"serviceName":"marathon","status":503}}""", install!.ToJsonString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, listStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, describeStatus);
    }

    [Fact]
    public async Task MarathonUrlSet_BundledRuntime_IsNotHosted()
    {
        await using var factory = new CosmosApplicationFactory();
        factory.Settings["Cosmos:Marathon:Url"] = $"http://127.0.0.1:{ClosedPort()}";
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/marathon/v2/apps");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
