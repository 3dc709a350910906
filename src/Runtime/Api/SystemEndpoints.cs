using System.Text.Json.Nodes;

namespace Universe.Runtime.Api;

/// <summary>
/// <c>/ping</c>, <c>/v2/info</c> (exactly Marathon's keys) and <c>/v2/leader</c> of a single-node Runtime (always the leader).
/// The Runtime's own facts (agents, isolation) are at <c>/runtime/info</c> (<see cref="RuntimeInfoEndpoints"/>).
/// </summary>
internal static class SystemEndpoints
{
    public const string Version = "1.11.0-universe";

    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ping", Ping).AllowAnonymous();
        app.MapGet("/v2/info", Info);
        app.MapGet("/v2/leader", (HttpContext context) => MarathonResults.Json(new JsonObject { ["leader"] = Leader(context) }));
        app.MapDelete("/v2/leader", () => MarathonResults.Message(StatusCodes.Status200OK, "Leadership abdicated"));
        return app;
    }

    private static IResult Ping(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length == 0 || accept.Contains("text/plain", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal))
        {
            return TypedResults.Text("pong", "text/plain");
        }

        if (accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Text("pong", "text/html");
        }

        return accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Text("\"pong\"", "application/json")
            : TypedResults.NoContent();
    }

    private static IResult Info(HttpContext context)
    {
        var leader = Leader(context);
        var info = new JsonObject
        {
            ["name"] = "marathon",
            ["version"] = Version,
            ["buildref"] = "universe-runtime",
            ["elected"] = true,
            ["leader"] = leader,
            ["frameworkId"] = "universe-runtime",
            ["marathon_config"] = new JsonObject
            {
                ["master"] = "local",
                ["mesos_role"] = "*",
                ["framework_name"] = "marathon",
                ["hostname"] = context.Request.Host.Host,
                ["local_port_min"] = 10000,
                ["local_port_max"] = 20000,
                ["decline_offer_duration"] = 5000,
                ["task_launch_timeout"] = 300000,
                ["features"] = new JsonArray(),
                ["webui_url"] = null,
                ["mesos_leader_ui_url"] = null,
            },
            ["zookeeper_config"] = new JsonObject { ["zk"] = "none", ["zk_timeout"] = 10000, ["zk_session_timeout"] = 10000, ["zk_max_versions"] = 50 },
            ["http_config"] = new JsonObject { ["http_port"] = context.Connection.LocalPort, ["https_port"] = 8443 },
        };
        return MarathonResults.Json(info);
    }

    private static string Leader(HttpContext context) =>
        $"{context.Connection.LocalIpAddress?.MapToIPv4()}:{context.Connection.LocalPort}";
}
