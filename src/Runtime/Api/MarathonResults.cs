using System.Text.Json.Nodes;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;

namespace Universe.Runtime.Api;

/// <summary>Marathon's response and error shapes (<c>{message, details}</c>, <c>{deploymentId, version}</c>).</summary>
internal static class MarathonResults
{
    public const string DeploymentHeader = "Marathon-Deployment-Id";

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        TypedResults.Text(body.ToJsonString(RuntimeJson.Options), "application/json; charset=utf-8", null, status);

    public static IResult Message(int status, string message) => Json(new JsonObject { ["message"] = message }, status);

    public static IResult InvalidJson(string details) =>
        Json(new JsonObject { ["message"] = "Invalid JSON", ["details"] = details }, StatusCodes.Status400BadRequest);

    /// <summary>400 for type errors, 422 for validation errors; details grouped by path.</summary>
    public static IResult Invalid(ValidationErrors errors) => Json(
        new JsonObject
        {
            ["message"] = errors.HasTypeErrors ? "Invalid JSON" : "Object is not valid",
            ["details"] = new JsonArray([.. errors.Errors.Select(kv => (JsonNode)new JsonObject
            {
                ["path"] = kv.Key,
                ["errors"] = new JsonArray([.. kv.Value.Select(e => (JsonNode)JsonValue.Create(e))]),
            })]),
        },
        errors.HasTypeErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity);

    public static IResult Cycle() => Json(
        new JsonObject
        {
            ["message"] = "Object is not valid",
            ["details"] = new JsonArray { new JsonObject { ["path"] = "/", ["errors"] = new JsonArray { "Dependency graph has cyclic dependencies." } } },
        },
        StatusCodes.Status422UnprocessableEntity);

    public static IResult Locked(IReadOnlyList<string> deployments) => Json(
        new JsonObject
        {
            ["message"] = $"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/{deployments[0]}'.",
            ["deployments"] = new JsonArray([.. deployments.Select(d => (JsonNode)new JsonObject { ["id"] = d })]),
        },
        StatusCodes.Status409Conflict);

    /// <summary>The <c>{deploymentId, version}</c> body plus the <c>Marathon-Deployment-Id</c> header.</summary>
    public static IResult Deployed(HttpContext context, ChangeResult result, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers[DeploymentHeader] = result.DeploymentId;
        return Json(new JsonObject { ["deploymentId"] = result.DeploymentId, ["version"] = result.Version }, status);
    }

    /// <summary>Maps a refused change (locked or cyclic) to its response; null when it was deployed.</summary>
    public static IResult? Refused(ChangeResult result) => result.Status switch
    {
        ChangeStatus.Locked => Locked(result.Conflicts),
        ChangeStatus.CyclicDependencies => Cycle(),
        ChangeStatus.Unstorable or ChangeStatus.Invalid => Json(
            new JsonObject
            {
                ["message"] = "Object is not valid",
                ["details"] = new JsonArray { new JsonObject { ["path"] = "/", ["errors"] = new JsonArray { result.Conflicts[0] } } },
            },
            StatusCodes.Status422UnprocessableEntity),
        _ => null,
    };
}
