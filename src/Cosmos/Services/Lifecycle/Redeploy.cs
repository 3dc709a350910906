using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>Turns an app as Marathon returns it (live or a kept version) into a body for a full-replacement <c>PUT</c>. Pure.</summary>
public static class Redeploy
{
    private static readonly string[] ServerMembers =
    [
        "version", "versionInfo", "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy",
        "deployments", "tasks", "lastTaskFailure", "taskStats", "readinessCheckResults",
    ];

    /// <summary>
    /// A copy without the members Marathon sets (version, status, tasks) and without <c>uris</c> when <c>fetch</c>
    /// is there (Marathon refuses both; cosmos-api.md: "minus uris and version").
    /// </summary>
    public static JsonObject Body(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var copy = (JsonObject)app.DeepClone();
        foreach (var member in ServerMembers)
        {
            copy.Remove(member);
        }

        if (copy.ContainsKey("fetch"))
        {
            copy.Remove("uris");
        }

        return copy;
    }
}
