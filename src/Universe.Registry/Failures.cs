using System.Net;
using System.Text;
using System.Text.Json;

namespace Universe.Registry;

/// <summary>Maps HTTP outcomes to <see cref="RegistryException"/> with messages free of credentials.</summary>
internal static class Failures
{
    public static bool IsRetryableStatus(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || status == HttpStatusCode.RequestTimeout;

    public static bool IsTransient(Exception e, CancellationToken callerToken) => e switch
    {
        HttpRequestException h => h.HttpRequestError != HttpRequestError.ProxyTunnelError,
        IOException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    public static RegistryException Proxy(HttpRequestException e, string target)
    {
        if (e is ProxyAuthenticationUnanswerableException unanswerable)
        {
            return new RegistryException(RegistryErrorKind.ProxyAuthenticationRequired,
                $"The proxy refused to connect to {target}: 407 Proxy Authentication Required ({unanswerable.Hint})",
                HttpStatusCode.ProxyAuthenticationRequired, e);
        }

        var status = e.StatusCode ?? (e.Message.Contains("407", StringComparison.Ordinal) ? HttpStatusCode.ProxyAuthenticationRequired : null);
        return status == HttpStatusCode.ProxyAuthenticationRequired
            ? new RegistryException(RegistryErrorKind.ProxyAuthenticationRequired,
                $"The proxy refused to connect to {target}: 407 Proxy Authentication Required (give proxy credentials: a credentials file, user:pass@ in the proxy URL or {ProxySettings.PasswordEnvironmentVariable})",
                HttpStatusCode.ProxyAuthenticationRequired, e)
            : new RegistryException(RegistryErrorKind.Network, $"The proxy refused to connect to {target}: {e.Message}", status, e);
    }

    public static RegistryException ProxyStatus(string target) =>
        new(RegistryErrorKind.ProxyAuthenticationRequired,
            $"The proxy refused the request to {target}: 407 Proxy Authentication Required (give proxy credentials: a credentials file, user:pass@ in the proxy URL or {ProxySettings.PasswordEnvironmentVariable})",
            HttpStatusCode.ProxyAuthenticationRequired);

    public static RegistryException Network(Exception e, string target)
    {
        if (IsUntrustedCertificate(e))
        {
            return UntrustedCertificate(e, target);
        }

        var reason = e is OperationCanceledException ? "timed out" : e.Message;
        return new RegistryException(RegistryErrorKind.Network, $"Cannot reach {target}: {reason}", (e as HttpRequestException)?.StatusCode, e);
    }

    /// <summary>True when <paramref name="e"/> comes from a server certificate that failed validation (not from a TLS protocol failure).</summary>
    public static bool IsUntrustedCertificate(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException a
                && a.Message.Contains("remote certificate", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static RegistryException UntrustedCertificate(Exception e, string target) =>
        new(RegistryErrorKind.InsecureRefused,
            $"The TLS certificate of {target} is not trusted: add its CA (universe mirror --ca-file, or CaFile for the host), or mark the host Insecure", null, e);

    public static async Task<RegistryException> FromResponseAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var detail = await ReadErrorAsync(response, cancellationToken);
        var kind = status switch
        {
            HttpStatusCode.NotFound => RegistryErrorKind.NotFound,
            HttpStatusCode.Unauthorized => RegistryErrorKind.Unauthorized,
            HttpStatusCode.Forbidden => RegistryErrorKind.Denied,
            HttpStatusCode.ProxyAuthenticationRequired => RegistryErrorKind.ProxyAuthenticationRequired,
            _ => RegistryErrorKind.HttpError,
        };
        if (kind == RegistryErrorKind.ProxyAuthenticationRequired)
        {
            return ProxyStatus(what);
        }

        var message = $"{what}: {(int)status} {response.ReasonPhrase}".TrimEnd();
        return new RegistryException(kind, detail is null ? message : message + " (" + detail + ")", status);
    }

    /// <summary>The URL without user info or query (queries may carry signed tokens).</summary>
    public static string Redact(Uri url) => new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString();

    public static string Clean(string text, int max = 200)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString();
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.Content.Headers.ContentLength is > 65536)
            {
                return null;
            }

            var bytes = await ReadLimitedAsync(response, 65536, cancellationToken);
            if (bytes is null || bytes.Length == 0)
            {
                return null;
            }

            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => $"{Str(e, "code")}: {Str(e, "message")}".Trim(' ', ':'))
                    .Where(s => s.Length > 0)
                    .Take(3);
                var text = string.Join("; ", parts);
                return text.Length == 0 ? null : Clean(text);
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
        }

        return null;
    }

    /// <summary>The whole body when it has at most <paramref name="limit"/> bytes, else null (whatever the headers claim).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;
}
