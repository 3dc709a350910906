using System.Diagnostics;

namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>Polls a probe until it yields a value; fails with a message naming the phase when the deadline passes.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(string phase, TimeSpan timeout, Func<Task<T?>> probe)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                last = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for: {phase}" + (last is null ? string.Empty : $" (last error: {last.Message})"));
    }
}
