using System.Text.Json.Nodes;
using Universe.Runtime.Api;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Deployments;

/// <summary><c>/v2/deployments</c>: list running deployments; DELETE rolls back (or cancels with <c>force=true</c>).</summary>
internal static class DeploymentEndpoints
{
    public static IEndpointRouteBuilder MapDeploymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/deployments", List);
        app.MapDelete("/v2/deployments/{id}", Delete);
        return app;
    }

    private static IResult List(RuntimeState state)
    {
        lock (state.Sync)
        {
            return MarathonResults.Json(new JsonArray([.. state.Deployments.Values.OrderBy(d => d.Sequence).Select(d => (JsonNode)DeploymentJson.Info(d))]));
        }
    }

    private static IResult Delete(string id, HttpContext context, DeploymentManager deployments)
    {
        if (JsonBody.Flag(context.Request, "force"))
        {
            return deployments.Cancel(id)
                ? TypedResults.Accepted((string?)null)
                : NotFound(id);
        }

        var result = deployments.Rollback(id);
        return result is null ? NotFound(id) : MarathonResults.Refused(result) ?? MarathonResults.Deployed(context, result);
    }

    private static IResult NotFound(string id) => MarathonResults.Message(StatusCodes.Status404NotFound, $"DeploymentPlan {id} does not exist");
}
