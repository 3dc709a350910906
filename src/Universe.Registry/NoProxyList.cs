using System.Globalization;
using System.Net;

namespace Universe.Registry;

/// <summary>NO_PROXY entries (<c>*</c>, host, <c>.domain</c>, <c>host:port</c>, IP, CIDR) and whether a target matches one.</summary>
internal sealed class NoProxyList
{
    private readonly List<(string Host, int? Port)> _hosts = [];
    private readonly List<(IPAddress Network, int PrefixLength)> _networks = [];
    private readonly bool _all;

    public NoProxyList(string? value)
    {
        var entries = new List<string>();
        foreach (var raw in (value ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            entries.Add(raw);
            if (raw == "*")
            {
                _all = true;
                continue;
            }

            var slash = raw.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && IPAddress.TryParse(raw[..slash], out var network)
                && int.TryParse(raw[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
            {
                _networks.Add((network, prefix));
                continue;
            }

            var entry = raw.TrimStart('*').TrimStart('.').ToLowerInvariant();
            int? port = null;
            if (entry.StartsWith('['))
            {
                var close = entry.IndexOf(']', StringComparison.Ordinal);
                if (close > 0 && entry.Length > close + 2 && entry[close + 1] == ':' && int.TryParse(entry[(close + 2)..], CultureInfo.InvariantCulture, out var p6))
                {
                    port = p6;
                }

                entry = close > 0 ? entry[1..close] : entry;
            }
            else if (entry.Count(c => c == ':') == 1)
            {
                var colon = entry.IndexOf(':', StringComparison.Ordinal);
                if (int.TryParse(entry[(colon + 1)..], CultureInfo.InvariantCulture, out var p))
                {
                    port = p;
                }

                entry = entry[..colon];
            }

            if (entry.Length > 0)
            {
                _hosts.Add((entry, port));
            }
        }

        Entries = entries;
    }

    public IReadOnlyList<string> Entries { get; }

    public bool Matches(Uri target)
    {
        if (_all)
        {
            return true;
        }

        var host = target.IdnHost.Trim('[', ']').ToLowerInvariant();
        foreach (var (h, port) in _hosts)
        {
            if (port is not null && port != target.Port)
            {
                continue;
            }

            if (host == h || host.EndsWith("." + h, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (_networks.Count > 0 && IPAddress.TryParse(host, out var ip))
        {
            foreach (var (network, prefix) in _networks)
            {
                if (InNetwork(ip, network, prefix))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool InNetwork(IPAddress ip, IPAddress network, int prefix)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var a = ip.GetAddressBytes();
        var b = network.GetAddressBytes();
        if (a.Length != b.Length || prefix < 0 || prefix > a.Length * 8)
        {
            return false;
        }

        for (var i = 0; i < prefix; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
