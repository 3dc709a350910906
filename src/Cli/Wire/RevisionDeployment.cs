namespace Universe.Cli.Wire;

/// <summary>A revision's deployment outcome (<c>deploying</c>, <c>deployed</c>, <c>failed</c>).</summary>
public sealed record RevisionDeployment(string Status, string? DeploymentId, int? TasksRunning, int? TasksHealthy, string? Message);
