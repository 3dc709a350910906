using System.Net;
using System.Net.Sockets;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Integration;

public sealed class CosmosDownTests
{
    [Fact]
    public async Task Search_CosmosDown_FailsWithConnectionRefused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var cli = TestCli.ForUrl(new Uri($"http://127.0.0.1:{port}/"));

        var exit = await cli.RunAsync("package", "search", "kafka");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal($"Error: cannot reach Cosmos at http://127.0.0.1:{port}/: Connection refused\n", cli.Stderr);
        Assert.Equal(string.Empty, cli.Stdout);
    }
}
