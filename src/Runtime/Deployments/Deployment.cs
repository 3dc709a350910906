using System.Text.Json.Nodes;

namespace Universe.Runtime.Deployments;

/// <summary>
/// A running deployment plan. Steps run in order (dependencies first); <see cref="CurrentStep"/> is the 0-based index
/// of the step in progress. <see cref="Original"/> holds each affected app's JSON before the change (null = did not
/// exist) for a rollback.
/// </summary>
internal sealed class Deployment
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public required IReadOnlyList<string> AffectedApps { get; init; }

    public required IReadOnlyList<IReadOnlyList<DeploymentAction>> Steps { get; init; }

    public required IReadOnlyDictionary<string, JsonObject?> Original { get; init; }

    public int CurrentStep { get; set; }

    public long Sequence { get; init; }

    /// <summary>Apps in a step that has not started yet: the scheduler does not launch their tasks.</summary>
    public IEnumerable<string> WaitingApps() =>
        Steps.Skip(CurrentStep + 1).SelectMany(s => s).Where(a => a.Action != "StopApplication").Select(a => a.App);
}
