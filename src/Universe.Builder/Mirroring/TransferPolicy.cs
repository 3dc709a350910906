namespace Universe.Builder.Mirroring;

/// <summary>
/// How transfers behave: <paramref name="Attempts"/> tries per artifact (retries on 5xx, 408, 429, resets, cut-off
/// bodies and stalls, with exponential backoff from <paramref name="Backoff"/>), and <paramref name="StallTimeout"/>:
/// the longest wait for the next byte (a slow but moving transfer is never cut).
/// </summary>
public sealed record TransferPolicy(int Attempts, TimeSpan Backoff, TimeSpan StallTimeout)
{
    public static TransferPolicy Default { get; } = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): backoff × 2^(retry-1), at most 30 s.</summary>
    public TimeSpan DelayBefore(int retry) =>
        TimeSpan.FromMilliseconds(Math.Min(30_000, Backoff.TotalMilliseconds * Math.Pow(2, retry - 1)));
}
