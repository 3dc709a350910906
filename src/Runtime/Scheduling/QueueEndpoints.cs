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

    /// <summary>
    /// One entry per app with instances waiting: not yet placed (the allocator's queue, with its reasons) or placed but
    /// still pulling their image. <c>count</c> counts both; the pulls' progress is in <c>imagePulls</c> (an extra field
    /// Marathon clients ignore) and in each task's status message.
    /// </summary>
    private static IResult List(RuntimeState state, TimeProvider time, AgentRegistry agents)
    {
        var now = time.GetUtcNow();
        var pulls = (agents.Executor?.ImagePulls ?? []).GroupBy(p => p.AppId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(p => p.TaskId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        lock (state.Sync)
        {
            var items = new JsonArray();
            var appIds = state.Queue.Keys.Concat(pulls.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var appId in appIds)
            {
                if (!state.Apps.TryGetValue(appId, out var app))
                {
                    continue;
                }

                var entry = state.Queue.GetValueOrDefault(appId);
                var appPulls = pulls.GetValueOrDefault(appId) ?? [];
                var delay = state.Delays.GetValueOrDefault(appId);
                var left = delay is null ? 0 : Math.Max(0, (delay.NotBefore - now).TotalSeconds);
                var item = new JsonObject
                {
                    ["app"] = AppJson.Render(app, state, AppEmbeds.None),
                    ["count"] = (entry?.Count ?? 0) + appPulls.Count,
                    ["role"] = entry?.Role ?? app.Role,
                    ["delay"] = new JsonObject { ["timeLeftSeconds"] = (int)Math.Ceiling(left), ["overdue"] = left <= 0 },
                    ["since"] = RuntimeClock.Format(entry?.Since ?? PullsSince(state, appPulls, now)),
                };
                if (entry is not null)
                {
                    item["processedOffersSummary"] = Summary(entry);
                }

                if (appPulls.Count > 0)
                {
                    item["imagePulls"] = PullsJson(appPulls);
                }

                items.Add(item);
            }

            return MarathonResults.Json(new JsonObject { ["queue"] = items });
        }
    }

    /// <summary>When the oldest of these pulling tasks was staged. Caller holds the lock.</summary>
    private static DateTimeOffset PullsSince(RuntimeState state, IEnumerable<Containers.ImagePullStatus> pulls, DateTimeOffset now) =>
        pulls.Select(p => state.Tasks.TryGetValue(p.TaskId, out var task) ? task.StagedAt : now).DefaultIfEmpty(now).Min();

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
