using Universe.Runtime.Resources;

namespace Universe.Runtime.Allocation;

/// <summary>One agent (node) that can run tasks.</summary>
/// <param name="Id">Unique agent id.</param>
/// <param name="Hostname">Host name; the <c>hostname</c> constraint field.</param>
/// <param name="Total">Total resources including static reservations and port ranges (Mesos <c>--resources</c>).</param>
internal sealed record AllocationAgent(string Id, string Hostname, MesosResources Total)
{
    /// <summary>Agent attributes (Mesos <c>--attributes</c>, e.g. <c>rack:r1</c>) for constraints.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Unreserved resources held by something other than the clients' running tasks.</summary>
    public ResourceQuantities Unavailable { get; init; }

    /// <summary>Host ports held by something other than the clients' running tasks.</summary>
    public IReadOnlyList<int> UnavailablePorts { get; init; } = [];
}
