using System.Text.Json.Nodes;

namespace Universe.Runtime.Events;

/// <summary>Events that describe API requests (<c>api_post_event</c>).</summary>
internal sealed class RequestEvents(EventBus bus)
{
    public void ApiPost(HttpContext context, JsonObject appDefinition) => bus.Publish("api_post_event", new JsonObject
    {
        ["clientIp"] = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
        ["uri"] = (context.Request.PathBase + context.Request.Path).Value,
        ["appDefinition"] = appDefinition.DeepClone(),
    });
}
