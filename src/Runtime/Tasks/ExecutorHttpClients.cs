namespace Universe.Runtime.Tasks;

/// <summary>The executor's two HTTP clients: the fetcher's (redirects followed) and the health checker's (Marathon's rules).</summary>
internal static class ExecutorHttpClients
{
    public static HttpClient CreateFetchClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 5 }) { Timeout = Timeout.InfiniteTimeSpan };

    public static HttpClient CreateHealthClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.Zero,
#pragma warning disable CA5359 // Marathon's HTTPS health checks do not validate the task's certificate either.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
