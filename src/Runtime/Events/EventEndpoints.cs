using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Api;

namespace Universe.Runtime.Events;

/// <summary><c>/v2/events</c>: the SSE stream (<c>event_stream_attached</c> first unless <c>event_type</c> filters it out, 405 without the Accept header).</summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/events", StreamAsync);
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext context, EventBus bus, IHostApplicationLifetime lifetime, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var cancellationToken = linked.Token;
        if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return MarathonResults.Message(StatusCodes.Status405MethodNotAllowed, "GET /v2/events requires Accept: text/event-stream");
        }

        var filter = context.Request.Query["event_type"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToHashSet(StringComparer.Ordinal);
        using var subscription = bus.Subscribe(filter);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        if (filter.Count == 0 || filter.Contains("event_stream_attached"))
        {
            var attached = bus.Create("event_stream_attached", new JsonObject { ["remoteAddress"] = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty });
            await WriteAsync(response, attached, cancellationToken);
        }
        else
        {
            await response.Body.FlushAsync(cancellationToken);
        }
        try
        {
            await foreach (var serverEvent in subscription.Channel.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(response, serverEvent, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return TypedResults.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, ServerEvent serverEvent, CancellationToken cancellationToken)
    {
        var frame = Encoding.UTF8.GetBytes($"event: {serverEvent.EventType}\ndata: {serverEvent.Data}\n\n");
        await response.Body.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
