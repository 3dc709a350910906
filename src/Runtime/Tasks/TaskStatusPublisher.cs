using System.Threading.Channels;

namespace Universe.Runtime.Tasks;

/// <summary>The executor's outgoing stream of task status updates (state and health), time-stamped with the injected clock.</summary>
internal sealed class TaskStatusPublisher(TimeProvider time)
{
    private readonly Channel<TaskStatusUpdate> _updates = Channel.CreateUnbounded<TaskStatusUpdate>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TaskStatusUpdate> Reader => _updates.Reader;

    public void Publish(string taskId, TaskState state, string? message, int? exitCode = null) =>
        _updates.Writer.TryWrite(new TaskStatusUpdate(taskId, state, message, null, time.GetUtcNow(), exitCode));

    public void Publish(TaskStatusUpdate update) => _updates.Writer.TryWrite(update);
}
