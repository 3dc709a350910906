using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Apps;
using Universe.Runtime.Scheduling;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Api;

/// <summary><c>/v2/tasks</c>, <c>/v2/tasks/delete</c>, the app task routes and the sandbox file endpoint.</summary>
internal static class TaskEndpoints
{
    private const long MaxFileBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/tasks", List);
        app.MapPost("/v2/tasks/delete", DeleteAsync);
        app.MapGet("/v2/tasks/{taskId}/files/{**file}", ReadFileAsync);
        return app;
    }

    private static IResult List(HttpContext context, TaskService tasks)
    {
        var statuses = context.Request.Query["status"].Concat(context.Request.Query["status[]"])
            .Select(s => s?.ToLowerInvariant() ?? string.Empty).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        return Render(context, tasks.List(null, statuses), tasks);
    }

    public static IResult AppTasks(string appId, HttpContext context, AppService apps, TaskService tasks) =>
        apps.Get(appId, AppEmbeds.None) is null
            ? MarathonResults.Message(StatusCodes.Status404NotFound, $"App '{appId}' does not exist")
            : Render(context, tasks.List(appId, []), tasks);

    public static IResult KillAppTasks(string appId, string? taskId, HttpContext context, AppService apps, TaskService tasks, CancellationToken cancellationToken)
    {
        if (apps.Get(appId, AppEmbeds.None) is null)
        {
            return MarathonResults.Message(StatusCodes.Status404NotFound, $"App '{appId}' does not exist");
        }

        var query = context.Request.Query;
        var scale = JsonBody.Flag(context.Request, "scale");
        if (scale && JsonBody.Flag(context.Request, "wipe"))
        {
            return MarathonResults.Message(StatusCodes.Status400BadRequest, "You cannot use scale and wipe at the same time.");
        }

        var host = query["host"].ToString();
        var selected = tasks.List(appId, []).Where(t => (taskId is null || t.Id == taskId) && (host.Length == 0 || t.Host == host)).Select(t => t.Id).ToList();
        if (taskId is not null && selected.Count == 0)
        {
            return MarathonResults.Message(StatusCodes.Status404NotFound, $"Task '{taskId}' does not exist");
        }

        var (killed, change) = tasks.Kill(selected, scale, JsonBody.Flag(context.Request, "force"), cancellationToken);
        if (change is not null)
        {
            return MarathonResults.Refused(change) ?? MarathonResults.Deployed(context, change);
        }

        return taskId is null
            ? MarathonResults.Json(new JsonObject { ["tasks"] = TasksJson(killed, tasks) })
            : MarathonResults.Json(new JsonObject { ["task"] = killed.Count > 0 ? TaskJsonOf(killed[0], tasks) : null });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (JsonBody.Flag(context.Request, "scale") && JsonBody.Flag(context.Request, "wipe"))
        {
            return MarathonResults.Message(StatusCodes.Status400BadRequest, "You cannot use scale and wipe at the same time.");
        }

        var ids = (body!["ids"] as JsonArray)?.Select(i => i?.ToString() ?? string.Empty).ToList() ?? [];
        var unknown = ids.FirstOrDefault(id => tasks.Find(id) is null);
        if (unknown is not null)
        {
            return MarathonResults.Message(StatusCodes.Status400BadRequest, $"Invalid task id {unknown}");
        }

        var (killed, change) = tasks.Kill(ids, JsonBody.Flag(context.Request, "scale"), JsonBody.Flag(context.Request, "force"), cancellationToken);
        if (change is not null)
        {
            return MarathonResults.Refused(change) ?? MarathonResults.Deployed(context, change);
        }

        return MarathonResults.Json(new JsonObject { ["tasks"] = TasksJson(killed, tasks) });
    }

    /// <summary>A file of a local task's sandbox (<c>stdout</c>, <c>stderr</c>, fetched files), at most 1 MiB from <c>offset</c>.</summary>
    private static async Task<IResult> ReadFileAsync(string taskId, string file, HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        await using var stream = tasks.OpenSandboxFile(taskId, file);
        if (stream is null)
        {
            return MarathonResults.Message(StatusCodes.Status404NotFound, $"File '{file}' of task '{taskId}' does not exist");
        }

        var offset = long.TryParse(context.Request.Query["offset"], out var o) && o >= 0 ? Math.Min(o, stream.Length) : 0;
        var length = (int)Math.Min(MaxFileBytes, stream.Length - offset);
        stream.Position = offset;
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return TypedResults.Bytes(buffer, "text/plain; charset=utf-8");
    }

    private static IResult Render(HttpContext context, List<TaskRecord> tasks, TaskService service)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("text/plain", StringComparison.OrdinalIgnoreCase) && !accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Text(EndpointsText(tasks, service), "text/plain; charset=utf-8");
        }

        return MarathonResults.Json(new JsonObject { ["tasks"] = TasksJson(tasks, service) });
    }

    private static JsonObject TaskJsonOf(TaskRecord task, TaskService service) =>
        TaskJson.Render(task, service.ServicePorts([task.AppId])[task.AppId]);

    private static JsonArray TasksJson(List<TaskRecord> tasks, TaskService service)
    {
        var servicePorts = service.ServicePorts(tasks.Select(t => t.AppId));
        return new JsonArray([.. tasks.Select(t => (JsonNode)TaskJson.Render(t, servicePorts[t.AppId]))]);
    }

    /// <summary>
    /// Marathon's script-friendly task list: per app and service port <c>{app}\t{servicePort}\t{host}:{hostPort}\t…</c>
    /// (the app id's slashes as underscores, running tasks, addresses sorted); an app without service ports gets one
    /// line <c>{app}\t \t{host}\t…</c>.
    /// </summary>
    private static string EndpointsText(List<TaskRecord> tasks, TaskService service)
    {
        var text = new StringBuilder();
        var byApp = tasks.GroupBy(t => t.AppId, StringComparer.Ordinal).ToList();
        var servicePorts = service.ServicePorts(byApp.Select(g => g.Key));
        foreach (var app in byApp)
        {
            var running = app.Where(t => t.State == TaskState.Running).ToList();
            var name = app.Key.TrimStart('/').Replace('/', '_');
            var ports = servicePorts[app.Key];
            if (ports.Count == 0)
            {
                text.Append(name).Append("\t \t");
                foreach (var host in running.Select(t => t.Host).Order(StringComparer.Ordinal))
                {
                    text.Append(host).Append('\t');
                }

                text.Append('\n');
                continue;
            }

            for (var i = 0; i < ports.Count; i++)
            {
                text.Append(name).Append('\t').Append(ports[i]).Append('\t');
                var index = i;
                foreach (var address in running.Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Host}:{(index < t.Ports.Count ? t.Ports[index] : 0)}")).Order(StringComparer.Ordinal))
                {
                    text.Append(address).Append('\t');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
