using Microsoft.Extensions.Options;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// Loads the repositories in the background once the host starts (the server answers at once; catalog readers wait
/// through <see cref="IPackageCatalog.GetAsync"/>), then refreshes them every <c>Cosmos:RepositoryRefreshSeconds</c>.
/// </summary>
internal sealed partial class RepositoryRefreshService(
    RepositoryRegistry registry,
    IOptions<CosmosOptions> options,
    TimeProvider time,
    ILogger<RepositoryRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        await registry.InitializeAsync(stoppingToken);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        var snapshot = registry.Current;
        var packages = snapshot.Repositories.Sum(r => r.Packages.Count);
        LogLoaded(snapshot.Repositories.Count, packages, elapsed);

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RepositoryRefreshSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await registry.RefreshAllAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Repositories} repositories ({Packages} packages) in {Milliseconds} ms")]
    private partial void LogLoaded(int repositories, int packages, double milliseconds);
}
