namespace Universe.Runtime.Tasks;

/// <summary>
/// Ties the executor's background work to the host: when the host stops, task watching and health checks, the
/// container-support probe and the garbage collector are cancelled and awaited, so nothing is written into the data directory
/// afterwards. Tasks keep running (re-adopted at the next start).
/// </summary>
internal sealed class TaskExecutorLifetime(ITaskExecutor executor) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => executor.StopAsync(cancellationToken);
}
