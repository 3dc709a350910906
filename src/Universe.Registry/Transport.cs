using System.Net;

namespace Universe.Registry;

/// <summary>The one send loop: per-attempt header timeout, retries with back-off on resets, timeouts, 5xx, 429 and 408.</summary>
internal static class Transport
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (a new one per attempt) and returns the response headers. A
    /// refused proxy tunnel or a 407 becomes <see cref="RegistryErrorKind.ProxyAuthenticationRequired"/>; transient
    /// failures that outlast the retries become <see cref="RegistryErrorKind.Network"/>; a retryable status that
    /// outlasts them is returned for the caller to report.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        Func<HttpRequestMessage> build,
        RetryPolicy retry,
        TimeSpan headerTimeout,
        string target,
        Action<int, string>? onRetry,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = build();
            HttpResponseMessage response;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(headerTimeout);
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ProxyTunnelError)
            {
                throw Failures.Proxy(e, target);
            }
            catch (HttpRequestException e) when (Failures.IsUntrustedCertificate(e))
            {
                throw Failures.UntrustedCertificate(e, target);
            }
            catch (Exception e) when (Failures.IsTransient(e, cancellationToken) && attempt < retry.MaxRetries)
            {
                onRetry?.Invoke(attempt + 1, e.GetType().Name);
                await Task.Delay(retry.Delay(attempt), cancellationToken);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException || Failures.IsTransient(e, cancellationToken))
            {
                throw Failures.Network(e, target);
            }

            if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
            {
                response.Dispose();
                throw Failures.ProxyStatus(target);
            }

            if (Failures.IsRetryableStatus(response.StatusCode) && attempt < retry.MaxRetries)
            {
                var status = (int)response.StatusCode;
                var delay = retry.Delay(attempt);
                if (response.Headers.RetryAfter?.Delta is { } asked && asked > delay)
                {
                    // Honour the server's Retry-After (429/503), within reason.
                    delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
                }

                response.Dispose();
                onRetry?.Invoke(attempt + 1, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Task.Delay(delay, cancellationToken);
                continue;
            }

            return response;
        }
    }
}
