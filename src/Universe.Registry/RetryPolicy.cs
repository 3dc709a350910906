namespace Universe.Registry;

/// <summary>Retry timing shared by the registry client and the downloader.</summary>
public sealed record RetryPolicy
{
    /// <summary>The default: 4 retries, 250 ms doubling to at most 5 s, 60 s without a byte aborts a read.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>How many times a failed request (5xx, 429, reset, timeout) is retried.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first back-off delay; it doubles each retry (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest back-off delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A transfer that receives no byte for this long is treated as cut (and resumed).</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal TimeSpan Delay(int attempt)
    {
        var ms = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
#pragma warning disable CA5394 // jitter is not security-relevant
        return TimeSpan.FromMilliseconds(ms * (0.75 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
    }
}
