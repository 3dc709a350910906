using System.Text.Json.Nodes;
using Universe.Runtime.Agents;
using Universe.Runtime.Api;
using Universe.Runtime.Apps;
using Universe.Runtime.Storage;

namespace Universe.Runtime.Scheduling;

/// <summary><c>/v2/queue</c>: apps waiting for resources or backed off, with the allocator's reasons; delay reset.</summary>
internal static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/queue", List);
        app.MapDelete("/v2/queue/{**path}", ResetDelay);
        return app;
    }

    private static IResult List(RuntimeState state, TimeProvider time, AgentRegistry agents)
    {
        var now = time.GetUtcNow();
        var pulls = (agents.Executor?.ImagePulls ?? []).GroupBy(p => p.AppId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        lock (state.Sync)
        {
            var items = new JsonArray();
            foreach (var entry in state.Queue.Values.OrderBy(e => e.AppId, StringComparer.Ordinal))
            {
                if (!state.Apps.TryGetValue(entry.AppId, out var app))
                {
                    continue;
                }

                var delay = state.Delays.GetValueOrDefault(entry.AppId);
                var left = delay is null ? 0 : Math.Max(0, (delay.NotBefore - now).TotalSeconds);
                items.Add(new JsonObject
                {
                    ["app"] = AppJson.Render(app, state, AppEmbeds.None),
                    ["count"] = entry.Count,
                    ["role"] = entry.Role,
                    ["delay"] = new JsonObject { ["timeLeftSeconds"] = (int)Math.Ceiling(left), ["overdue"] = left <= 0 },
                    ["since"] = RuntimeClock.Format(entry.Since),
                    ["processedOffersSummary"] = Summary(entry),
                });
                if (pulls.Remove(entry.AppId, out var appPulls))
                {
                    ((JsonObject)items[^1]!)["imagePulls"] = PullsJson(appPulls);
                }
            }

            // Instances already placed whose image is still being pulled: not started yet, so they are shown here too.
            foreach (var (appId, appPulls) in pulls.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (state.Apps.TryGetValue(appId, out var app))
                {
                    items.Add(new JsonObject
                    {
                        ["app"] = AppJson.Render(app, state, AppEmbeds.None),
                        ["count"] = 0,
                        ["role"] = app.Role,
                        ["delay"] = new JsonObject { ["timeLeftSeconds"] = 0, ["overdue"] = false },
                        ["since"] = RuntimeClock.Format(now),
                        ["imagePulls"] = PullsJson(appPulls),
                    });
                }
            }

            return MarathonResults.Json(new JsonObject { ["queue"] = items });
        }
    }

    private static JsonArray PullsJson(IEnumerable<Containers.ImagePullStatus> pulls) => new([.. pulls.Select(p => (JsonNode)new JsonObject
    {
        ["taskId"] = p.TaskId,
        ["image"] = p.Image,
        ["bytesDone"] = p.BytesDone,
        ["bytesTotal"] = p.BytesTotal,
        ["layersDone"] = p.LayersDone,
        ["layersTotal"] = p.LayersTotal,
        ["message"] = p.Message,
    })]);

    private static JsonObject Summary(QueueEntry entry)
    {
        var reasons = new JsonArray([.. entry.Reasons.Select(r => (JsonNode)new JsonObject
        {
            ["reason"] = r.Reason.ToString(),
            ["declined"] = r.Declined,
            ["processed"] = r.Processed,
        })]);
        var summary = new JsonObject
        {
            ["processedOffersCount"] = entry.ProcessedCount,
            ["unusedOffersCount"] = entry.UnusedCount,
            ["rejectSummaryLastOffers"] = reasons,
            ["rejectSummaryLaunchAttempt"] = reasons.DeepClone(),
        };
        if (entry.LastUnusedAt is { } unused)
        {
            summary["lastUnusedOfferAt"] = RuntimeClock.Format(unused);
        }

        if (entry.LastUsedAt is { } used)
        {
            summary["lastUsedOfferAt"] = RuntimeClock.Format(used);
        }

        return summary;
    }

    private static IResult ResetDelay(string path, RuntimeState state, ReconcileSignal signal)
    {
        if (!path.EndsWith("/delay", StringComparison.Ordinal))
        {
            return MarathonResults.Message(StatusCodes.Status404NotFound, "URI not found");
        }

        var id = PathId.Resolve(path[..^"/delay".Length]);
        lock (state.Sync)
        {
            if (!state.Apps.ContainsKey(id))
            {
                return MarathonResults.Message(StatusCodes.Status404NotFound, $"Application {id} not found in tasks queue.");
            }

            state.Delays.Remove(id);
            state.Touch();
        }

        signal.Request();
        return TypedResults.NoContent();
    }
}
