using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Runtime.Agents;

namespace Universe.Runtime.Api;

/// <summary>
/// <c>GET /runtime/info</c>: what this Runtime adds to Marathon, kept out of <c>/v2/info</c> so strict Marathon clients
/// see exactly Marathon's keys. <c>agents</c> (id, hostname, simulated, Mesos resources) and <c>isolation</c> (the
/// local executor's cgroup mode and limits, or why there are none).
/// </summary>
internal static class RuntimeInfoEndpoints
{
    public static IEndpointRouteBuilder MapRuntimeInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runtime/info", Info);
        return app;
    }

    private static async Task<IResult> Info(AgentRegistry agents)
    {
        var containers = agents.Executor is { } executor
            ? JsonSerializer.SerializeToNode(await executor.GetContainerSupportAsync())
            : new JsonObject { ["available"] = false, ["missing"] = new JsonArray("a local task executor (local agent disabled)") };
        var isolation = agents.Executor?.Isolation;
        var info = new JsonObject
        {
            ["version"] = SystemEndpoints.Version,
            ["agents"] = new JsonArray([.. agents.Agents.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id, ["hostname"] = a.Hostname, ["simulated"] = a.Simulated, ["resources"] = a.Total.Ports.Count == 0 ? a.Total.Total.ToString() : $"{a.Total.Total};ports:[{string.Join(',', a.Total.Ports)}]",
            })]),
            ["isolation"] = isolation is null
                ? new JsonObject { ["mode"] = "none", ["cpuLimits"] = false, ["memoryLimits"] = false, ["reason"] = "no local task executor (local agent disabled)" }
                : new JsonObject { ["mode"] = isolation.Mode, ["cpuLimits"] = isolation.CpuLimits, ["memoryLimits"] = isolation.MemoryLimits, ["reason"] = isolation.Reason },
            ["containers"] = containers,
        };
        return MarathonResults.Json(info);
    }
}
