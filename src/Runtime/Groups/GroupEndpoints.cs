using System.Text.Json.Nodes;
using Universe.Runtime.Api;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;

namespace Universe.Runtime.Groups;

/// <summary><c>/v2/groups</c>: the group tree, nested group creation with dependencies, replacement, scaling, deletion.</summary>
internal static class GroupEndpoints
{
    public static IEndpointRouteBuilder MapGroupEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/groups", (HttpContext c, GroupService s, AppService a) => Get(string.Empty, c, s, a));
        app.MapGet("/v2/groups/{**path}", Get);
        app.MapPost("/v2/groups", (HttpContext c, GroupService s, CancellationToken ct) => WriteAsync(string.Empty, c, s, create: true, ct));
        app.MapPost("/v2/groups/{**path}", (string path, HttpContext c, GroupService s, CancellationToken ct) => WriteAsync(path, c, s, create: true, ct));
        app.MapPut("/v2/groups", (HttpContext c, GroupService s, CancellationToken ct) => WriteAsync(string.Empty, c, s, create: false, ct));
        app.MapPut("/v2/groups/{**path}", (string path, HttpContext c, GroupService s, CancellationToken ct) => WriteAsync(path, c, s, create: false, ct));
        app.MapDelete("/v2/groups", (HttpContext c, GroupService s) => Delete(string.Empty, c, s));
        app.MapDelete("/v2/groups/{**path}", Delete);
        return app;
    }

    private static IResult Get(string path, HttpContext context, GroupService groups, AppService apps)
    {
        if (path.EndsWith("/*", StringComparison.Ordinal) || path == "*")
        {
            return MarathonResults.Json(new JsonObject { ["*"] = apps.ListUnder(PathId.Resolve(path[..^1]), AppEmbeds.Counts | AppEmbeds.Deployments) });
        }

        if (path.EndsWith("versions", StringComparison.Ordinal) && (path == "versions" || path.EndsWith("/versions", StringComparison.Ordinal)))
        {
            var groupId = PathId.Resolve(path[..^"versions".Length]);
            var group = groups.Render(groupId, new GroupEmbeds(false, false, AppEmbeds.None));
            return group is null ? NotFound(groupId) : MarathonResults.Json(new JsonArray { group["version"]!.DeepClone() });
        }

        var id = PathId.Resolve(path);
        var json = groups.Render(id, GroupEmbeds.Parse([.. context.Request.Query["embed"]]));
        return json is null ? NotFound(id) : MarathonResults.Json(json);
    }

    private static async Task<IResult> WriteAsync(string path, HttpContext context, GroupService groups, bool create, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var baseId = PathId.Resolve(path);
        var typeErrors = new ValidationErrors();
        GroupTypeChecks.Check(body!, string.Empty, typeErrors);
        if (!typeErrors.IsEmpty)
        {
            return MarathonResults.Invalid(typeErrors);
        }

        var rawId = (string?)body!["id"];
        var id = rawId is not null && (create || path.Length == 0) ? PathId.Resolve(rawId, baseId) : baseId;
        if (((rawId is not null ? PathId.Validate(rawId, allowRoot: true) : null)
            ?? PathId.Validate(path, allowRoot: true) ?? PathId.ValidateResolved(id)) is { } idError)
        {
            var errors = new ValidationErrors();
            errors.Add("/id", idError);
            return MarathonResults.Invalid(errors);
        }

        if (create && groups.Exists(id) && id != "/")
        {
            return MarathonResults.Message(StatusCodes.Status409Conflict, $"Group {id} is already created. Use PUT to change this group.");
        }

        if (groups.IsApp(id))
        {
            return MarathonResults.Message(StatusCodes.Status409Conflict, $"An app with the path {id} already exists.");
        }

        var change = new StateChange();
        if (!create && body.ContainsKey("scaleBy") && !body.ContainsKey("apps") && !body.ContainsKey("groups"))
        {
            groups.ScaleBy(id, (double?)body["scaleBy"] ?? 1, change);
        }
        else
        {
            var validation = new ValidationErrors();
            groups.Collect(body, id, replace: !create, change, validation);
            if (!validation.IsEmpty)
            {
                return MarathonResults.Invalid(validation);
            }
        }

        var dryRun = JsonBody.Flag(context.Request, "dryRun");
        var result = groups.Apply(change, JsonBody.Flag(context.Request, "force"), dryRun);
        if (MarathonResults.Refused(result) is { } refused)
        {
            return refused;
        }

        if (dryRun)
        {
            return MarathonResults.Json(new JsonObject
            {
                ["steps"] = new JsonArray([.. result.Steps.Select(s => (JsonNode)new JsonObject
                {
                    ["actions"] = new JsonArray([.. s.Select(a => (JsonNode)new JsonObject { ["action"] = a.Action, ["app"] = a.App })]),
                })]),
            });
        }

        if (create)
        {
            context.Response.Headers.Location = (context.Request.PathBase + context.Request.Path).Value;
            return MarathonResults.Deployed(context, result, StatusCodes.Status201Created);
        }

        return MarathonResults.Deployed(context, result);
    }

    private static IResult Delete(string path, HttpContext context, GroupService groups)
    {
        var id = PathId.Resolve(path);
        if (!groups.Exists(id))
        {
            return NotFound(id);
        }

        var change = new StateChange();
        groups.CollectDelete(id, change);
        var result = groups.Apply(change, JsonBody.Flag(context.Request, "force"), dryRun: false);
        return MarathonResults.Refused(result) ?? MarathonResults.Deployed(context, result);
    }

    private static IResult NotFound(string id) => MarathonResults.Message(StatusCodes.Status404NotFound, $"Group '{id}' does not exist");
}
