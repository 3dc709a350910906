using System.Text.Json.Nodes;
using Universe.Cli.Output;

namespace Universe.Cli.Commands.Package;

/// <summary>The task counts of a Marathon app, as <see cref="DeploymentWatcher"/> reads them.</summary>
internal sealed record AppState(int Instances, int Running, int Healthy, int Staged, bool HasHealthChecks, int Deployments)
{
    public bool IsReady => Running >= Instances && (!HasHealthChecks || Healthy >= Instances) && Deployments == 0;

    public static AppState From(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new AppState(
            Count(app["instances"]),
            Count(app["tasksRunning"]),
            Count(app["tasksHealthy"]),
            Count(app["tasksStaged"]),
            app["healthChecks"] is JsonArray { Count: > 0 },
            app["deployments"] is JsonArray deployments ? deployments.Count : 0);
    }

    public string Describe(string appId)
    {
        var text = $"{appId}: {Running}/{Instances} tasks running";
        if (HasHealthChecks)
        {
            text += $", {Healthy}/{Instances} healthy";
        }

        if (Staged > 0)
        {
            text += $", {Staged} staging";
        }

        return Deployments > 0 ? text + ", deploying" : text;
    }

    private static int Count(JsonNode? node) => (int)(JsonText.Number(node) ?? 0);
}
