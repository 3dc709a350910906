using System.Collections.Concurrent;

namespace Universe.Runtime;

/// <summary>
/// Work started without awaiting it at once (task launches and the sweep after recovery in the reconcile loop, task watchers
/// and health checks in the executor). Its owner awaits
/// <see cref="WhenAllAsync"/> when it stops, so none of it still writes into the data directory after the host stopped.
/// </summary>
internal sealed class InFlightWork
{
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();

    public void Add(Task task)
    {
        if (task.IsCompleted || !_tasks.TryAdd(task, 0))
        {
            return;
        }

        _ = task.ContinueWith(t => _tasks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes once everything added so far has ended (a fault or cancellation is the work's own business).</summary>
    public async Task WhenAllAsync() =>
        await Task.WhenAll(_tasks.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
