using System.Diagnostics.Metrics;

namespace Universe.Cosmos.Metrics;

/// <summary>
/// Cosmos's instruments (meter <c>Universe.Cosmos</c>): repository refreshes (count, failures, duration) and package
/// installs, uninstalls and service updates (count, failures). Request rates and latencies come from ASP.NET Core's
/// own <c>http.server.request.duration</c>.
/// </summary>
internal sealed class CosmosMetrics
{
    public const string MeterName = "Universe.Cosmos";

    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _refreshFailures;
    private readonly Histogram<double> _refreshDuration;
    private readonly Dictionary<CosmosOperation, (Counter<long> All, Counter<long> Failed)> _operations = [];

    public CosmosMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _refreshes = meter.CreateCounter<long>("cosmos.repositories.refreshes", "{refresh}", "Repository fetches (at start, periodic, after add)");
        _refreshFailures = meter.CreateCounter<long>("cosmos.repositories.refreshes.failed", "{refresh}", "Repository fetches that failed");
        _refreshDuration = meter.CreateHistogram<double>("cosmos.repositories.refresh.duration", "s", "Time to fetch and read one repository");
        foreach (var (operation, name, what) in new[]
        {
            (CosmosOperation.Install, "cosmos.packages.installs", "package installs"),
            (CosmosOperation.Uninstall, "cosmos.packages.uninstalls", "package uninstalls"),
            (CosmosOperation.Update, "cosmos.services.updates", "service updates"),
        })
        {
            _operations[operation] = (
                meter.CreateCounter<long>(name, "{request}", "Requested " + what),
                meter.CreateCounter<long>(name + ".failed", "{request}", "Failed " + what + " (an error answer)"));
        }
    }

    public void RepositoryRefreshed(TimeSpan duration, bool failed)
    {
        _refreshes.Add(1);
        _refreshDuration.Record(duration.TotalSeconds);
        if (failed)
        {
            _refreshFailures.Add(1);
        }
    }

    public void OperationCompleted(CosmosOperation operation, bool failed)
    {
        var (all, failures) = _operations[operation];
        all.Add(1);
        if (failed)
        {
            failures.Add(1);
        }
    }
}

/// <summary>The package operations Cosmos counts.</summary>
internal enum CosmosOperation
{
    Install,
    Uninstall,
    Update,
}
