namespace Universe.Runtime.Deployments;

/// <summary>One action of a deployment step: <c>StartApplication</c>, <c>StopApplication</c>, <c>ScaleApplication</c> or <c>RestartApplication</c>.</summary>
internal sealed record DeploymentAction(string Action, string App);
