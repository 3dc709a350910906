using System.Diagnostics.CodeAnalysis;

namespace Universe.Runtime.Resources;

/// <summary>
/// Resources in Mesos agent <c>--resources</c> text syntax, e.g.
/// <c>cpus:9;mem:18432;disk:100000;ports:[31000-32000];cpus(ads):2;mem(ads):1024</c>.
/// Used for <c>Runtime:LocalAgent:Resources</c>, <c>Runtime:SimulatedAgents:Resources</c> and
/// <c>Runtime:Roles:&lt;role&gt;:Guarantee</c>/<c>Limit</c>. Entries are <c>name(role):value</c> separated by
/// <c>;</c>; the value is a scalar, a range list <c>[a-b,c-d]</c> or a set <c>{x,y}</c>; repeated entries add up.
/// Scalars other than cpus/mem/disk/gpus are kept in <see cref="OtherScalars"/>.
/// </summary>
internal sealed record MesosResources
{
    public static MesosResources Empty { get; } = new();

    /// <summary>Unreserved (<c>*</c>) scalars.</summary>
    public ResourceQuantities Unreserved { get; init; }

    /// <summary>Scalars statically reserved per role (<c>cpus(role):2</c>).</summary>
    public IReadOnlyDictionary<string, ResourceQuantities> Reserved { get; init; } = new Dictionary<string, ResourceQuantities>();

    /// <summary>Unreserved port ranges, sorted and non-overlapping.</summary>
    public IReadOnlyList<PortRange> Ports { get; init; } = [];

    /// <summary>Port ranges reserved per role (parsed and kept; the allocator only hands out unreserved ports).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PortRange>> ReservedPorts { get; init; } = new Dictionary<string, IReadOnlyList<PortRange>>();

    /// <summary>Other scalar resources by name (<c>name</c> or <c>name(role)</c>); the allocator ignores them.</summary>
    public IReadOnlyDictionary<string, double> OtherScalars { get; init; } = new Dictionary<string, double>();

    /// <summary>The known scalar names (cpus, mem, disk, gpus) the text mentioned, for <see cref="ToLimit"/>.</summary>
    public IReadOnlySet<string> SpecifiedScalars { get; init; } = new HashSet<string>();

    /// <summary>Unreserved plus all reservations.</summary>
    public ResourceQuantities Total
    {
        get
        {
            var total = Unreserved;
            foreach (var reserved in Reserved.Values)
            {
                total += reserved;
            }

            return total;
        }
    }

    /// <summary>As a quota limit: dimensions the text did not mention are unlimited.</summary>
    public ResourceQuantities ToLimit()
    {
        var total = Total;
        return new ResourceQuantities(
            SpecifiedScalars.Contains("cpus") ? total.Cpus : double.PositiveInfinity,
            SpecifiedScalars.Contains("mem") ? total.MemMb : double.PositiveInfinity,
            SpecifiedScalars.Contains("disk") ? total.DiskMb : double.PositiveInfinity,
            SpecifiedScalars.Contains("gpus") ? total.Gpus : double.PositiveInfinity);
    }

    /// <summary>Parses Mesos resource text; throws <see cref="FormatException"/> with the reason when invalid.</summary>
    public static MesosResources Parse(string text) =>
        MesosResourcesParser.TryParse(text, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Parses Mesos resource text; false when invalid.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MesosResources? result) =>
        MesosResourcesParser.TryParse(text, out result, out _);

    /// <summary>Parses Mesos resource text; false with a reason when invalid.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MesosResources? result, [NotNullWhen(false)] out string? error) =>
        MesosResourcesParser.TryParse(text, out result, out error);

    /// <summary>
    /// Parses <c>|</c>-separated alternatives as used by Mesos <c>--min_allocatable_resources</c>
    /// (<c>cpus:0.01|mem:32</c>): a set of resources is allocatable when it contains at least one alternative.
    /// </summary>
    public static IReadOnlyList<ResourceQuantities> ParseAlternatives(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<ResourceQuantities>();
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            result.Add(Parse(part).Total);
        }

        return result;
    }
}
