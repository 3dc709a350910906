using System.Text.Json.Nodes;
using Universe.Runtime.Deployments;

namespace Universe.Runtime.Storage;

/// <summary>The persisted form of a <see cref="Deployment"/>.</summary>
internal sealed record StoredDeployment(
    string Id,
    string Version,
    List<string> AffectedApps,
    List<List<DeploymentAction>> Steps,
    Dictionary<string, JsonObject?> Original,
    int CurrentStep,
    long Sequence)
{
    public static StoredDeployment From(Deployment d) => new(
        d.Id,
        d.Version,
        [.. d.AffectedApps],
        [.. d.Steps.Select(s => s.ToList())],
        d.Original.ToDictionary(kv => kv.Key, kv => (JsonObject?)kv.Value?.DeepClone().AsObject(), StringComparer.Ordinal),
        d.CurrentStep,
        d.Sequence);

    public Deployment ToDeployment() => new()
    {
        Id = Id,
        Version = Version,
        AffectedApps = AffectedApps,
        Steps = [.. Steps.Select(s => (IReadOnlyList<DeploymentAction>)s)],
        Original = Original,
        CurrentStep = CurrentStep,
        Sequence = Sequence,
    };
}
