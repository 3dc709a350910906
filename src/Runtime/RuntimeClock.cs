using System.Globalization;

namespace Universe.Runtime;

/// <summary>Marathon's timestamp format: ISO-8601 UTC with milliseconds (<c>2015-09-25T15:13:48.343Z</c>).</summary>
internal static class RuntimeClock
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
