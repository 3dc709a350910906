using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Keeps credentials out of everything printed or stored: <c>user:password@</c> in URLs becomes <c>***@</c>, and every
/// secret registered with <see cref="AddSecret"/> (the proxy password of this run) is masked wherever it appears.
/// </summary>
public static partial class Redaction
{
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Registers a secret to mask in every later <see cref="Text"/> (ignored when shorter than 3 characters).</summary>
    public static void AddSecret(string? secret)
    {
        if (secret is { Length: >= 3 })
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    /// <summary>A URL without its user information.</summary>
    public static string Url(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Text(url);
    }

    /// <summary>Masks user information in any URL inside <paramref name="text"/> and every registered secret.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = UserInfo().Replace(text, "${scheme}***@");
        foreach (var secret in Secrets.Keys)
        {
            result = result.Replace(secret, "***", StringComparison.Ordinal);
        }

        return result;
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/@\s'""]+@")]
    private static partial Regex UserInfo();
}
