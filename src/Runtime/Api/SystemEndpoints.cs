using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Universe.Runtime.Containers;

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

    private static IResult Info(HttpContext context, IOptions<RuntimeOptions> runtime, IOptions<ContainerOptions> containers) =>
        MarathonResults.Json(MarathonInfo.Render(context, runtime.Value, containers.Value, Version, Leader(context)));

    private static string Leader(HttpContext context) =>
        $"{context.Connection.LocalIpAddress?.MapToIPv4()}:{context.Connection.LocalPort}";
}
