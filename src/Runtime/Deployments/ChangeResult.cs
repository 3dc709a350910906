namespace Universe.Runtime.Deployments;

/// <summary>The outcome of <see cref="DeploymentManager.Apply"/>.</summary>
internal sealed record ChangeResult(ChangeStatus Status, string DeploymentId, string Version, IReadOnlyList<string> Conflicts)
{
    /// <summary>The planned steps (also filled for a dry run, which changes nothing).</summary>
    public IReadOnlyList<IReadOnlyList<DeploymentAction>> Steps { get; init; } = [];

    public static ChangeResult Conflict(IReadOnlyList<string> deployments) => new(ChangeStatus.Locked, string.Empty, string.Empty, deployments);

    public static ChangeResult Cycle() => new(ChangeStatus.CyclicDependencies, string.Empty, string.Empty, []);

    /// <summary>Refused because the apps after the change would not be valid together, e.g. no service port left (nothing changed).</summary>
    public static ChangeResult Invalid(string message) => new(ChangeStatus.Invalid, string.Empty, string.Empty, [message]);

    /// <summary>Refused because a value cannot be stored (nothing was written or changed).</summary>
    public static ChangeResult Unstorable(string message) => new(ChangeStatus.Unstorable, string.Empty, string.Empty, [message]);
}

/// <summary>Whether a change was deployed, refused because apps are locked, or refused for a dependency cycle.</summary>
internal enum ChangeStatus
{
    Deployed,
    Locked,
    CyclicDependencies,
    Unstorable,
    Invalid,
}
