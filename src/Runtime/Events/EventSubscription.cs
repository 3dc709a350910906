using System.Threading.Channels;

namespace Universe.Runtime.Events;

/// <summary>One SSE client: its buffer and its <c>event_type</c> filter (empty = everything).</summary>
internal sealed class EventSubscription(Channel<ServerEvent> channel, IReadOnlySet<string> eventTypes, EventBus bus) : IDisposable
{
    public Channel<ServerEvent> Channel { get; } = channel;

    public IReadOnlySet<string> EventTypes { get; } = eventTypes;

    public void Dispose() => bus.Unsubscribe(this);
}
