using System.Net;
using System.Net.Sockets;
using Universe.Runtime.Agents;

namespace Universe.Runtime.Tests.Agents;

public sealed class HostPortProbeTests
{
    [Theory]
    [InlineData("   0: 0100007F:2710 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1 0000000000000000 100 0 0 10 0", true, 10000)]
    [InlineData("   1: 0100007F:2710 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 1 1 0000000000000000 100 0 0 10 0", true, null)]
    [InlineData("   2: 00000000000000000000000000000000:4E20 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1", true, 20000)]
    [InlineData("  3: 00000000:2711 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1 2 0000000000000000 0", false, 10001)]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue", true, null)]
    [InlineData("garbage", false, null)]
    public void ParseLine_ProcNetLines_ListeningTcpAndBoundUdpHoldTheirPort(string line, bool tcp, int? expected)
    {
        Assert.Equal(expected, HostPortProbe.ParseLine(line, tcp));
    }

    [Fact]
    public void ParseDnatPorts_PortmapRules_EveryForwardedHostPort()
    {
        const string Rules = """
            -N CNI-HOSTPORT-DNAT
            -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \"u1\" id: \"t1\"" -m multiport --dports 21200 -j CNI-DN-50c692d156782371a95ae
            -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \"u2\" id: \"t2\"" -m multiport --dports 21201,21300:21302 -j CNI-DN-da0df98e44fb8e440a694
            -A CNI-DN-da0df98e44fb8e440a694 -p tcp -m tcp --dport 21205 -j DNAT --to-destination 10.243.1.3:80
            """;

        Assert.Equal([21200, 21201, 21205, 21300, 21301, 21302], HostPortProbe.ParseDnatPorts(Rules).Order());
    }

    [Fact]
    public void ReadHeldPorts_RealListener_IsFoundAndCannotBeBound()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var held = HostPortProbe.ReadHeldPorts(port - 1, port + 1);

        Assert.Contains(port, held);
        Assert.False(HostPortProbe.CanBind(port));
        listener.Stop();
        Assert.True(HostPortProbe.CanBind(port));
    }

    [Fact]
    public void HostPortLocks_TwoClaimers_OnlyOneHoldsAPortUntilItReleasesOrEnds()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rtapi-tests", "locks-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var first = new HostPortLocks(directory);
            var second = new HostPortLocks(directory);

            Assert.True(first.TryClaim(15000));
            Assert.True(first.TryClaim(15000));
            Assert.False(second.TryClaim(15000));
            Assert.True(second.TryClaim(15001));
            first.Release(15000);
            Assert.True(second.TryClaim(15000));
            second.Dispose();
            Assert.True(first.TryClaim(15001));
            first.Sync(new HashSet<int> { 15002 });
            Assert.Equal([15002], first.Held);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
