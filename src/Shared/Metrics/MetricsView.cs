using System.Diagnostics.Metrics;

namespace Universe.Metrics;

/// <summary>
/// What one <c>/metrics</c> endpoint shows: the meters it includes, the prefix of its HTTP metric names (<c>marathon</c>
/// gives <c>marathon.http.requests.duration.timer.seconds</c>), and the route prefix its HTTP metrics are limited to
/// (<c>/marathon</c> when Cosmos hosts the Runtime; null for every request of the server).
/// </summary>
internal sealed record MetricsView(string HttpPrefix, string? RoutePrefix, Func<Meter, bool> Includes)
{
    /// <summary>Whether a request whose route template is <paramref name="route"/> belongs to this view.</summary>
    public bool IncludesRoute(string route) =>
        RoutePrefix is null
        || route.Equals(RoutePrefix, StringComparison.Ordinal)
        || (route.StartsWith(RoutePrefix, StringComparison.Ordinal) && route.Length > RoutePrefix.Length && route[RoutePrefix.Length] == '/');
}
