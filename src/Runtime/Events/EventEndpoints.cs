using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Universe.Runtime.Api;

namespace Universe.Runtime.Events;

/// <summary>
/// <c>/v2/events</c>: the SSE stream (<c>event_stream_attached</c> first unless <c>event_type</c> filters it out, 405
/// without the Accept header), written by <c>TypedResults.ServerSentEvents</c>.
/// Its frames are Marathon's exactly: <c>event: &lt;type&gt;\ndata: &lt;json&gt;\n\n</c>, no <c>id:</c> or <c>retry:</c>
/// (the data is one line of compact JSON, so it is one <c>data:</c> line).
/// </summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/events", Stream);
        return app;
    }

    private static IResult Stream(HttpContext context, EventBus bus, IHostApplicationLifetime lifetime)
    {
        if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return MarathonResults.Message(StatusCodes.Status405MethodNotAllowed, "GET /v2/events requires Accept: text/event-stream");
        }

        var filter = context.Request.Query["event_type"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToHashSet(StringComparer.Ordinal);
        return TypedResults.ServerSentEvents(EventsAsync(context, bus, filter, lifetime.ApplicationStopping));
    }

    /// <summary>
    /// Subscribes, then yields the attach event (or, filtered out, sends the headers at once so the client knows it is
    /// subscribed), then every event of the subscription until the client leaves or the host stops.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        HttpContext context, EventBus bus, HashSet<string> filter, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.RequestAborted, stopping);
        using var subscription = bus.Subscribe(filter);
        if (filter.Count == 0 || filter.Contains("event_stream_attached"))
        {
            var attached = bus.Create("event_stream_attached", new JsonObject { ["remoteAddress"] = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty });
            yield return new SseItem<string>(attached.Data, attached.EventType);
        }
        else
        {
            await context.Response.Body.FlushAsync(linked.Token);
        }

        var reader = subscription.Channel.Reader;
        while (await WaitAsync(reader, linked.Token))
        {
            while (reader.TryRead(out var serverEvent))
            {
                yield return new SseItem<string>(serverEvent.Data, serverEvent.EventType);
            }
        }
    }

    /// <summary>False when the stream should end: the subscription completed, the client left or the host is stopping.</summary>
    private static async ValueTask<bool> WaitAsync(System.Threading.Channels.ChannelReader<ServerEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
