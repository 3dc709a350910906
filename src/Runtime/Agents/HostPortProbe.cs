using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Universe.Runtime.Agents;

/// <summary>
/// Which host ports something on this machine already holds: listening TCP sockets and bound UDP sockets from
/// <c>/proc/net/{tcp,tcp6,udp,udp6}</c> (this network namespace, every process), the host ports that CNI portmap
/// forwards into containers (its <c>CNI-HOSTPORT-DNAT</c> rules: no socket holds those), and a bind test of one port.
/// </summary>
internal static class HostPortProbe
{
    private const string TcpListen = "0A";

    /// <summary>The iptables chain where CNI's portmap plugin sends every forwarded host port to a per-container chain.</summary>
    private const string PortmapChain = "CNI-HOSTPORT-DNAT";

    private static readonly string[] ProcFiles = ["/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6"];

    /// <summary>Local ports of listening TCP and bound UDP sockets within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static HashSet<int> ReadHeldPorts(int min, int max, IEnumerable<string>? files = null)
    {
        var held = new HashSet<int>();
        foreach (var file in files ?? ProcFiles)
        {
            var tcp = Path.GetFileName(file).StartsWith("tcp", StringComparison.Ordinal);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            for (var i = 1; i < lines.Length; i++)
            {
                if (ParseLine(lines[i], tcp) is { } port && port >= min && port <= max)
                {
                    held.Add(port);
                }
            }
        }

        return held;
    }

    /// <summary>The local port of a <c>/proc/net</c> socket line, when it holds the port (TCP: LISTEN; UDP: any bound socket).</summary>
    internal static int? ParseLine(string line, bool tcp)
    {
        // "  sl  local_address rem_address   st ..." e.g. "   0: 0100007F:2710 00000000:0000 0A ..."
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4)
        {
            return null;
        }

        var local = fields[1];
        var colon = local.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(local.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port) || port == 0)
        {
            return null;
        }

        return !tcp || fields[3] == TcpListen ? port : null;
    }

    /// <summary>
    /// True when a TCP socket can bind <paramref name="port"/> on every IPv4 address now (with SO_REUSEADDR, as servers
    /// bind: sockets in TIME_WAIT do not count, a listener on any address does).
    /// </summary>
    public static bool CanBind(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static readonly string[] IptablesPaths = ["/usr/sbin/iptables", "/sbin/iptables"];

    /// <summary>The ports named by <c>--dport</c>/<c>--dports</c> (lists and <c>a:b</c> ranges) in <c>iptables -S</c> output.</summary>
    public static HashSet<int> ParseDnatPorts(string rules)
    {
        var ports = new HashSet<int>();
        foreach (var line in rules.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < fields.Length; i++)
            {
                if (fields[i] is not ("--dport" or "--dports"))
                {
                    continue;
                }

                foreach (var item in fields[i + 1].Split(','))
                {
                    var bounds = item.Split(':');
                    if (int.TryParse(bounds[0], CultureInfo.InvariantCulture, out var low)
                        && int.TryParse(bounds[^1], CultureInfo.InvariantCulture, out var high) && low > 0 && high <= 65535)
                    {
                        for (var port = low; port <= high; port++)
                        {
                            ports.Add(port);
                        }
                    }
                }
            }
        }

        return ports;
    }

    /// <summary>
    /// The host ports portmap forwards now (<c>iptables -t nat -S CNI-HOSTPORT-DNAT</c>); empty when this process is
    /// not privileged, iptables is missing or the chain does not exist.
    /// </summary>
    public static async Task<HashSet<int>> ReadDnatPortsAsync(CancellationToken cancellationToken)
    {
        var iptables = IptablesPaths.FirstOrDefault(File.Exists);
        if (iptables is null || !Environment.IsPrivilegedProcess)
        {
            return [];
        }

        try
        {
            var result = await Containers.Runc.ProcessRunner.RunAsync(
                iptables, ["-w", "2", "-t", "nat", "-S", PortmapChain], TimeSpan.FromSeconds(5), cancellationToken);
            return result.ExitCode == 0 ? ParseDnatPorts(result.Stdout) : [];
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }
}
