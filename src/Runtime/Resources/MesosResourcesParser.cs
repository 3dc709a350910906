using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Universe.Runtime.Resources;

/// <summary>The Mesos resource text parser behind <see cref="MesosResources.Parse"/>.</summary>
internal static class MesosResourcesParser
{
    private const int MaxPort = 65535;

    public static bool TryParse(string? text, [NotNullWhen(true)] out MesosResources? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (text is null)
        {
            error = "Resources text is null";
            return false;
        }

        var unreserved = new double[ResourceQuantities.Dimensions];
        var reserved = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var ports = new List<PortRange>();
        var reservedPorts = new Dictionary<string, List<PortRange>>(StringComparer.Ordinal);
        var others = new Dictionary<string, double>(StringComparer.Ordinal);
        var specified = new HashSet<string>(StringComparer.Ordinal);

        foreach (var rawEntry in text.Split(';'))
        {
            var entry = rawEntry.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (!TrySplitEntry(entry, out var name, out var role, out var value, out error))
            {
                return false;
            }

            if (value.StartsWith('['))
            {
                if (!TryParseRanges(value, out var ranges, out error))
                {
                    error = $"Invalid ranges for '{name}': {error}";
                    return false;
                }

                if (name == "ports")
                {
                    if (role == RoleNames.Default)
                    {
                        ports.AddRange(ranges);
                    }
                    else
                    {
                        if (!reservedPorts.TryGetValue(role, out var list))
                        {
                            reservedPorts[role] = list = [];
                        }

                        list.AddRange(ranges);
                    }
                }

                continue;
            }

            if (value.StartsWith('{'))
            {
                if (!value.EndsWith('}'))
                {
                    error = $"Invalid set for '{name}': '{value}'";
                    return false;
                }

                continue;
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scalar)
                || double.IsNaN(scalar) || double.IsInfinity(scalar))
            {
                error = $"Invalid scalar value for '{name}': '{value}'";
                return false;
            }

            if (scalar < 0)
            {
                error = $"Negative value for '{name}': '{value}'";
                return false;
            }

            var index = IndexOf(name);
            if (index < 0)
            {
                var key = role == RoleNames.Default ? name : $"{name}({role})";
                others[key] = others.GetValueOrDefault(key) + scalar;
                continue;
            }

            specified.Add(name);
            if (role == RoleNames.Default)
            {
                unreserved[index] += scalar;
            }
            else
            {
                if (!reserved.TryGetValue(role, out var vector))
                {
                    reserved[role] = vector = new double[ResourceQuantities.Dimensions];
                }

                vector[index] += scalar;
            }
        }

        if (!TryNormalize(ports, out var normalizedPorts, out error))
        {
            return false;
        }

        var normalizedReservedPorts = new Dictionary<string, IReadOnlyList<PortRange>>(StringComparer.Ordinal);
        foreach (var (role, list) in reservedPorts)
        {
            if (!TryNormalize(list, out var normalized, out error))
            {
                return false;
            }

            normalizedReservedPorts[role] = normalized;
        }

        var reservedQuantities = new Dictionary<string, ResourceQuantities>(StringComparer.Ordinal);
        foreach (var (role, vector) in reserved)
        {
            reservedQuantities[role] = ToQuantities(vector);
        }

        result = new MesosResources
        {
            Unreserved = ToQuantities(unreserved),
            Reserved = reservedQuantities,
            Ports = normalizedPorts,
            ReservedPorts = normalizedReservedPorts,
            OtherScalars = others,
            SpecifiedScalars = specified,
        };
        error = null;
        return true;
    }

    private static ResourceQuantities ToQuantities(double[] v) => new(v[0], v[1], v[2], v[3]);

    private static int IndexOf(string name) => name switch
    {
        "cpus" => 0,
        "mem" => 1,
        "disk" => 2,
        "gpus" => 3,
        _ => -1,
    };

    private static bool TrySplitEntry(string entry, out string name, out string role, out string value, [NotNullWhen(false)] out string? error)
    {
        name = role = value = string.Empty;
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"Expected 'name:value' but got '{entry}'";
            return false;
        }

        var head = entry[..colon].Trim();
        value = entry[(colon + 1)..].Trim();
        role = RoleNames.Default;
        var open = head.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!head.EndsWith(')'))
            {
                error = $"Unbalanced parenthesis in '{entry}'";
                return false;
            }

            role = head[(open + 1)..^1].Trim();
            head = head[..open].Trim();
            if (!RoleNames.IsValid(role))
            {
                error = $"Invalid role '{role}' in '{entry}'";
                return false;
            }
        }

        name = head;
        if (name.Length == 0 || value.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '[' or ']' or '{' or '}' or ')'))
        {
            error = $"Expected 'name:value' but got '{entry}'";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryParseRanges(string value, out List<PortRange> ranges, [NotNullWhen(false)] out string? error)
    {
        ranges = [];
        if (!value.EndsWith(']'))
        {
            error = $"missing ']' in '{value}'";
            return false;
        }

        foreach (var rawPart in value[1..^1].Split(','))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var beginText = dash < 0 ? part : part[..dash].Trim();
            var endText = dash < 0 ? part : part[(dash + 1)..].Trim();
            if (!int.TryParse(beginText, NumberStyles.None, CultureInfo.InvariantCulture, out var begin)
                || !int.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                error = $"'{part}' is not a range 'begin-end'";
                return false;
            }

            if (begin > end || end > MaxPort)
            {
                error = $"'{part}' is not a valid range (0 ≤ begin ≤ end ≤ {MaxPort})";
                return false;
            }

            ranges.Add(new PortRange(begin, end));
        }

        error = null;
        return true;
    }

    private static bool TryNormalize(List<PortRange> ranges, out IReadOnlyList<PortRange> normalized, [NotNullWhen(false)] out string? error)
    {
        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        var result = new List<PortRange>(ranges.Count);
        foreach (var range in ranges)
        {
            if (result.Count > 0 && range.Begin <= result[^1].End)
            {
                normalized = [];
                error = $"Overlapping port ranges {result[^1]} and {range}";
                return false;
            }

            if (result.Count > 0 && range.Begin == result[^1].End + 1)
            {
                result[^1] = new PortRange(result[^1].Begin, range.End);
            }
            else
            {
                result.Add(range);
            }
        }

        normalized = result;
        error = null;
        return true;
    }
}
