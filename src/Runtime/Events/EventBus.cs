using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Universe.Runtime.Events;

/// <summary>
/// Fan-out of Marathon events to SSE subscribers. Each event is serialised once; a subscriber whose buffer is full
/// is disconnected (Marathon drops slow consumers too).
/// </summary>
internal sealed class EventBus(TimeProvider time, Metrics.RuntimeMetrics? metrics = null)
{
    private const int MaxOutstanding = 1024;
    private readonly Lock _sync = new();
    private readonly List<EventSubscription> _subscribers = [];

    public EventSubscription Subscribe(IReadOnlySet<string> eventTypes)
    {
        var subscription = new EventSubscription(
            Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(MaxOutstanding) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }),
            eventTypes,
            this);
        lock (_sync)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    public void Unsubscribe(EventSubscription subscription)
    {
        lock (_sync)
        {
            _subscribers.Remove(subscription);
        }

        subscription.Channel.Writer.TryComplete();
    }

    /// <summary>Builds the event (adds <c>eventType</c> and <c>timestamp</c>) and hands it to every interested subscriber.</summary>
    public void Publish(string eventType, JsonObject payload)
    {
        metrics?.Observe(eventType, payload);
        EventSubscription[] subscribers;
        lock (_sync)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }

            subscribers = [.. _subscribers];
        }

        var serverEvent = Create(eventType, payload);
        foreach (var subscriber in subscribers)
        {
            if (subscriber.EventTypes.Count > 0 && !subscriber.EventTypes.Contains(eventType))
            {
                continue;
            }

            if (!subscriber.Channel.Writer.TryWrite(serverEvent))
            {
                Unsubscribe(subscriber);
            }
        }
    }

    public ServerEvent Create(string eventType, JsonObject payload)
    {
        payload["eventType"] = eventType;
        payload["timestamp"] = RuntimeClock.Format(time.GetUtcNow());
        return new ServerEvent(eventType, payload.ToJsonString(RuntimeJson.Options));
    }
}
