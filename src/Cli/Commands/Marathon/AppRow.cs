using System.Globalization;
using System.Text.Json.Nodes;
using Universe.Cli.Output;

namespace Universe.Cli.Commands.Marathon;

/// <summary>The cells of one <c>marathon app list</c> row.</summary>
internal static class AppRow
{
    public static string[] Cells(JsonObject app, JsonArray deployments, JsonArray queue)
    {
        ArgumentNullException.ThrowIfNull(app);
        var id = JsonText.Str(app["id"]) ?? string.Empty;
        var instances = (int)(JsonText.Number(app["instances"]) ?? 0);
        var running = (int)(JsonText.Number(app["tasksRunning"]) ?? 0);
        var healthy = (int)(JsonText.Number(app["tasksHealthy"]) ?? 0);
        var hasHealthChecks = app["healthChecks"] is JsonArray { Count: > 0 };
        return
        [
            id,
            Number(app["mem"]),
            Number(app["cpus"]),
            $"{running}/{instances}",
            hasHealthChecks ? $"{healthy}/{running}" : "---",
            Deployment(id, deployments),
            Waiting(id, queue) ? "true" : "false",
            JsonText.Str(app["container"]?["type"]) ?? "MESOS",
            Command(app),
            JsonText.Str(app["role"]) ?? string.Empty,
        ];
    }

    private static string Number(JsonNode? node) =>
        JsonText.Number(node)?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Deployment(string id, JsonArray deployments)
    {
        var actions = deployments.OfType<JsonObject>()
            .SelectMany(d => (d["currentActions"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(a => JsonText.Str(a["app"]) == id)
            .Select(a => ShortAction(JsonText.Str(a["action"])))
            .Distinct()
            .ToList();
        return actions.Count switch
        {
            0 => "---",
            1 => actions[0],
            _ => $"({string.Join(',', actions)})",
        };
    }

    private static string ShortAction(string? action) => action switch
    {
        "StartApplication" => "start",
        "StopApplication" => "stop",
        "RestartApplication" => "restart",
        "ScaleApplication" => "scale",
        "ResolveArtifacts" => "artifacts",
        "KillAllOldTasksOf" => "kill-tasks",
        _ => action ?? "?",
    };

    private static bool Waiting(string id, JsonArray queue) =>
        queue.OfType<JsonObject>().Any(q => JsonText.Str(q["app"]?["id"]) == id && JsonText.Bool(q["delay"]?["overdue"]));

    private static string Command(JsonObject app)
    {
        var text = JsonText.Str(app["cmd"])
            ?? (app["args"] is JsonArray args ? $"[{string.Join(", ", args.Select(a => JsonText.Str(a)))}]" : string.Empty);
        text = text.Replace('\n', ' ');
        return text.Length > 30 ? text[..27] + "..." : text;
    }
}
