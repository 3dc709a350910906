using System.Threading.Channels;

namespace Universe.Runtime.Scheduling;

/// <summary>Event-triggered reconciliation, batched: any number of requests before the loop wakes up make one run.</summary>
internal sealed class ReconcileSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Request() => _channel.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public void Consume() => _channel.Reader.TryRead(out _);
}
