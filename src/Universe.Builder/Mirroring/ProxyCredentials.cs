using System.Net;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Reads proxy credentials at use time: a file with one line <c>user:password</c> (read again at every run, so a
/// rotated password needs no rebuild), else <c>UNIVERSE_PROXY_PASSWORD</c> with the user of the proxy URL. Every
/// password read is registered for redaction.
/// </summary>
public static class ProxyCredentials
{
    public const string PasswordVariable = "UNIVERSE_PROXY_PASSWORD";

    public static NetworkCredential? Read(Uri proxy, string? credentialsFile)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        if (credentialsFile is not null)
        {
            var line = File.ReadLines(credentialsFile).FirstOrDefault(l => l.Trim().Length > 0)?.Trim()
                ?? throw new InvalidDataException($"proxy credentials file '{credentialsFile}' is empty");
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"proxy credentials file '{credentialsFile}' must hold one line user:password");
            }

            Redaction.AddSecret(line[(colon + 1)..]);
            return new NetworkCredential(line[..colon], line[(colon + 1)..]);
        }

        var user = proxy.UserInfo.Split(':', 2) is [{ Length: > 0 } u, ..] ? Uri.UnescapeDataString(u) : null;
        var urlPassword = proxy.UserInfo.Split(':', 2) is [_, var p] ? Uri.UnescapeDataString(p) : null;
        var password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } env ? env : urlPassword;
        Redaction.AddSecret(password);
        return user is null ? null : new NetworkCredential(user, password ?? string.Empty);
    }

    /// <summary>The proxy URL without its user information (what is shown and handed to the handler).</summary>
    public static Uri WithoutUserInfo(Uri proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        return new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
    }
}
