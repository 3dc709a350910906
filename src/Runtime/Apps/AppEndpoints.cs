using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Api;
using Universe.Runtime.Events;
using Universe.Runtime.Scheduling;

namespace Universe.Runtime.Apps;

/// <summary><c>/v2/apps</c>. App ids contain slashes, so the <c>{**path}</c> routes dispatch on the reserved last segments.</summary>
internal static class AppEndpoints
{
    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/apps", ListAsync);
        app.MapPost("/v2/apps", CreateAsync);
        app.MapPut("/v2/apps", (HttpContext c, AppService s, CancellationToken ct) => UpdateManyAsync(c, s, partialDefault: true, ct));
        app.MapPatch("/v2/apps", (HttpContext c, AppService s, CancellationToken ct) => UpdateManyAsync(c, s, partialDefault: true, ct));
        app.MapGet("/v2/apps/{**path}", GetAsync);
        app.MapPut("/v2/apps/{**path}", (string path, HttpContext c, AppService s, CancellationToken ct) => UpdateAsync(path, c, s, patch: false, ct));
        app.MapPatch("/v2/apps/{**path}", (string path, HttpContext c, AppService s, CancellationToken ct) => UpdateAsync(path, c, s, patch: true, ct));
        app.MapDelete("/v2/apps/{**path}", DeleteAsync);
        app.MapPost("/v2/apps/{**path}", RestartAsync);
        return app;
    }

    private static Task<IResult> ListAsync(HttpContext context, AppService apps, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var query = context.Request.Query;
        LabelSelector? selector = null;
        var label = query["label"].ToString();
        if (label.Length > 0 && !LabelSelector.TryParse(label, out selector))
        {
            return Task.FromResult(MarathonResults.Message(StatusCodes.Status422UnprocessableEntity, $"Can not parse label selector {label}"));
        }

        var id = query["id"].ToString();
        var cmd = query["cmd"].ToString();
        var gzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var body = apps.List(context.Request.QueryString.Value ?? string.Empty, id.Length > 0 ? id : null, cmd.Length > 0 ? cmd : null, selector, AppEmbedParser.Parse(query["embed"]), gzip);
        context.Response.Headers.Vary = "Accept-Encoding";
        if (gzip)
        {
            context.Response.Headers.ContentEncoding = "gzip";
        }

        return Task.FromResult<IResult>(TypedResults.Bytes(body, "application/json; charset=utf-8"));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AppService apps, RequestEvents requestEvents, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var result = apps.Create(body!, JsonBody.Flag(context.Request, "force"));
        switch (result.Status)
        {
            case AppWriteStatus.Invalid:
                return MarathonResults.Invalid(result.Errors!);
            case AppWriteStatus.AlreadyExists:
                return MarathonResults.Message(StatusCodes.Status409Conflict, $"An app with id [{body!["id"]}] already exists.");
            case AppWriteStatus.GroupClash:
                return MarathonResults.Message(StatusCodes.Status409Conflict, "Groups and Applications may not have the same identifier.");
            case AppWriteStatus.Refused:
                return MarathonResults.Refused(result.Change!)!;
        }

        requestEvents.ApiPost(context, result.App!.Json);
        context.Response.Headers[MarathonResults.DeploymentHeader] = result.Change!.DeploymentId;
        context.Response.Headers.Location = Combine(context.Request.PathBase + context.Request.Path, result.App.Id);
        return MarathonResults.Json(result.CreatedJson!, StatusCodes.Status201Created);
    }

    private static Task<IResult> GetAsync(string path, HttpContext context, AppService apps, TaskService tasks)
    {
        var embeds = AppEmbedParser.Parse(context.Request.Query["embed"]);
        if (path.EndsWith("/*", StringComparison.Ordinal) || path == "*")
        {
            var group = PathId.Resolve(path[..^1]);
            return Task.FromResult(MarathonResults.Json(new JsonObject { ["*"] = apps.ListUnder(group, embeds | AppEmbeds.Counts | AppEmbeds.Deployments) }));
        }

        if (path.EndsWith("/tasks", StringComparison.Ordinal))
        {
            return Task.FromResult(TaskEndpoints.AppTasks(PathId.Resolve(path[..^"/tasks".Length]), context, apps, tasks));
        }

        var versionsIndex = path.LastIndexOf("/versions", StringComparison.Ordinal);
        if (versionsIndex > 0 && (path.EndsWith("/versions", StringComparison.Ordinal) || path.IndexOf('/', versionsIndex + 1) == versionsIndex + "/versions".Length))
        {
            var id = PathId.Resolve(path[..versionsIndex]);
            var rest = path[(versionsIndex + "/versions".Length)..].TrimStart('/');
            if (rest.Length == 0)
            {
                var versions = apps.Versions(id);
                return Task.FromResult(versions is null
                    ? AppNotFound(id)
                    : MarathonResults.Json(new JsonObject { ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)JsonValue.Create(v))]) }));
            }

            var app = apps.Version(id, rest);
            return Task.FromResult(app is null ? MarathonResults.Message(404, $"App '{id}' does not exist in version {rest}") : MarathonResults.Json(app));
        }

        var appId = PathId.Resolve(path);
        var json = apps.Get(appId, embeds | AppEmbeds.Counts | AppEmbeds.Tasks | AppEmbeds.LastTaskFailure | AppEmbeds.Deployments);
        return Task.FromResult(json is null ? AppNotFound(appId) : MarathonResults.Json(new JsonObject { ["app"] = json }));
    }

    private static async Task<IResult> UpdateAsync(string path, HttpContext context, AppService apps, bool patch, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var id = PathId.Resolve(path);
        var idError = PathId.Validate(path);
        if (idError is not null)
        {
            var errors = new ValidationErrors();
            errors.Add("/id", idError);
            return MarathonResults.Invalid(errors);
        }

        var partial = patch || JsonBody.Flag(context.Request, "partialUpdate", fallback: true);
        var result = apps.Update(id, body!, JsonBody.Flag(context.Request, "force"), partial, allowCreate: !patch);
        return WriteResult(context, result, id);
    }

    private static async Task<IResult> UpdateManyAsync(HttpContext context, AppService apps, bool partialDefault, CancellationToken cancellationToken)
    {
        var (node, error) = await JsonBody.ReadAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (node is not JsonArray array || array.Any(a => a is not JsonObject o || o["id"] is null))
        {
            return MarathonResults.Message(StatusCodes.Status400BadRequest, "Expected an array of apps, each with an id");
        }

        var partial = JsonBody.Flag(context.Request, "partialUpdate", partialDefault);
        var force = JsonBody.Flag(context.Request, "force");
        var updates = array.Select(a => ((JsonObject)a!.DeepClone(), PathId.Resolve((string?)a["id"] ?? string.Empty))).ToList();
        var result = apps.UpdateMany(updates, force, partial);
        return WriteResult(context, result, null);
    }

    private static IResult DeleteAsync(string path, HttpContext context, AppService apps, TaskService tasks, CancellationToken cancellationToken)
    {
        var tasksIndex = path.LastIndexOf("/tasks", StringComparison.Ordinal);
        if (tasksIndex > 0 && (path.EndsWith("/tasks", StringComparison.Ordinal) || path[tasksIndex..].StartsWith("/tasks/", StringComparison.Ordinal)))
        {
            var appId = PathId.Resolve(path[..tasksIndex]);
            var taskId = path[(tasksIndex + "/tasks".Length)..].TrimStart('/');
            return TaskEndpoints.KillAppTasks(appId, taskId.Length == 0 ? null : taskId, context, apps, tasks, cancellationToken);
        }

        var id = PathId.Resolve(path);
        var result = apps.Delete(id, JsonBody.Flag(context.Request, "force", fallback: true));
        return WriteResult(context, result, id);
    }

    private static IResult RestartAsync(string path, HttpContext context, AppService apps)
    {
        if (!path.EndsWith("/restart", StringComparison.Ordinal))
        {
            return MarathonResults.Message(StatusCodes.Status404NotFound, "URI not found");
        }

        var id = PathId.Resolve(path[..^"/restart".Length]);
        return WriteResult(context, apps.Restart(id, JsonBody.Flag(context.Request, "force")), id);
    }

    private static IResult WriteResult(HttpContext context, AppWriteResult result, string? id) => result.Status switch
    {
        AppWriteStatus.NotFound => AppNotFound(id ?? "/"),
        AppWriteStatus.Invalid => MarathonResults.Invalid(result.Errors!),
        AppWriteStatus.Refused => MarathonResults.Refused(result.Change!)!,
        AppWriteStatus.GroupClash => MarathonResults.Message(StatusCodes.Status409Conflict, "Groups and Applications may not have the same identifier."),
        AppWriteStatus.Created when id is not null => Created(context, result, id),
        _ => MarathonResults.Deployed(context, result.Change!),
    };

    private static IResult Created(HttpContext context, AppWriteResult result, string id)
    {
        var path = context.Request.PathBase + context.Request.Path;
        context.Response.Headers.Location = path.Value ?? id;
        return MarathonResults.Deployed(context, result.Change!, StatusCodes.Status201Created);
    }

    private static IResult AppNotFound(string id) => MarathonResults.Message(StatusCodes.Status404NotFound, $"App '{id}' does not exist");

    private static string Combine(PathString basePath, string id) =>
        new StringBuilder(basePath.Value?.TrimEnd('/') ?? string.Empty).Append(id).ToString();
}
