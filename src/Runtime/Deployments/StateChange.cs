using System.Text.Json.Nodes;
using Universe.Runtime.Groups;

namespace Universe.Runtime.Deployments;

/// <summary>
/// A requested change: apps to create or replace (normalised JSON without version) or delete (null), apps to
/// restart, and explicit groups to create/replace or delete (null).
/// </summary>
internal sealed class StateChange
{
    public Dictionary<string, JsonObject?> Apps { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Restarts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GroupDefinition?> Groups { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Apps.Count == 0 && Restarts.Count == 0 && Groups.Count == 0;
}
