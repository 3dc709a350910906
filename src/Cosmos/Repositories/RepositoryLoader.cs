using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>Turns a fetch of one repository into its next state; a failed fetch keeps the last good packages.</summary>
internal static class RepositoryLoader
{
    private const int MaxListedErrors = 50;

    /// <summary>The state after a successful fetch (sorted by name, then releaseVersion descending, as Cosmos does).</summary>
    public static RepositoryState Apply(RepositoryState state, RepositoryFetchResult result, DateTimeOffset now)
    {
        if (result.NotModified || result.Packages is null)
        {
            var status = state.Status with { LastUpdated = now, State = state.Status.State == RepositoryStatus.Error ? StateOf(state) : state.Status.State };
            if (state.Status.State == RepositoryStatus.Error)
            {
                status = status with { Message = null };
            }

            return state with { Status = status, Validator = result.Validator };
        }

        var packages = Sort(result.Packages.Packages);
        var errors = result.Packages.Errors;
        return state with
        {
            Packages = packages,
            Validator = result.Validator,
            Status = errors.Count == 0
                ? new RepositoryStatus(RepositoryStatus.Ok, null, packages.Length, now)
                : new RepositoryStatus(
                    RepositoryStatus.Degraded,
                    $"{errors.Count} package revision(s) could not be decoded and are skipped",
                    packages.Length,
                    now,
                    [.. errors.Take(MaxListedErrors).Select(e => e.ToString())]),
        };
    }

    /// <summary>The state after a failed fetch: the error shows in the status, the previous packages stay.</summary>
    public static RepositoryState Fail(RepositoryState state, Exception error) => state with
    {
        Status = new RepositoryStatus(
            RepositoryStatus.Error,
            error is CosmosException cosmos ? Describe(cosmos.Error) : error.Message,
            state.Packages.Count,
            state.Status.LastUpdated,
            state.Status.Errors),
    };

    /// <summary>Fetches and applies, never throwing for the source's own failures.</summary>
    public static async Task<RepositoryState> LoadAsync(RepositoryState state, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var result = await state.Source.FetchAsync(state.Validator, cancellationToken);
            return Apply(state, result, time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fail(state, e);
        }
    }

    private static string Describe(CosmosError error) => error switch
    {
        RepositoryUriConnection c => $"{c.Message} ({c.Cause})",
        RepositoryUriSyntax s => $"{s.Message} ({s.Cause})",
        _ => error.Message,
    };

    private static string StateOf(RepositoryState state) =>
        state.Status.Errors is { Count: > 0 } ? RepositoryStatus.Degraded : RepositoryStatus.Ok;

    private static PackageDefinition[] Sort(IReadOnlyList<PackageDefinition> packages)
    {
        var sorted = packages.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : b.ReleaseVersion.CompareTo(a.ReleaseVersion);
        });
        return sorted;
    }
}
