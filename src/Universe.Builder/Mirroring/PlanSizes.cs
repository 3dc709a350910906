using System.Collections.Concurrent;

namespace Universe.Builder.Mirroring;

/// <summary>The sizes a HEAD request told for the plan's URLs (absent: unknown or failed).</summary>
public sealed class PlanSizes
{
    public static PlanSizes None { get; } = new(new Dictionary<string, long>());

    private readonly IReadOnlyDictionary<string, long> _sizes;

    private PlanSizes(IReadOnlyDictionary<string, long> sizes) => _sizes = sizes;

    public long? Of(string url) => _sizes.TryGetValue(url, out var size) ? size : null;

    public int Known => _sizes.Count;

    public long Total => _sizes.Values.Sum();

    /// <summary>HEADs every URL, <paramref name="jobs"/> at a time, each bounded by <paramref name="timeout"/>.</summary>
    public static async Task<PlanSizes> HeadAsync(HttpClient http, IEnumerable<string> urls, int jobs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sizes = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            urls.Where(u => Uri.TryCreate(u, UriKind.Absolute, out var x) && x.Scheme is "http" or "https"),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellationToken },
            async (url, ct) =>
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bounded.CancelAfter(timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Head, url);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
                    if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is { } length)
                    {
                        sizes[url] = length;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    // Unknown size: the plan says so.
                }
            });
        return new PlanSizes(sizes);
    }
}
