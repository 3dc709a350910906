namespace Universe.Cosmos.Marathon;

/// <summary>
/// Supplies the <see cref="HttpClient"/> the Marathon client uses: its <see cref="HttpClient.BaseAddress"/> is the
/// Marathon root ending in <c>/</c> (an external Marathon, or this server's own <c>/marathon/</c>). Tests replace it
/// to route through an in-memory test server.
/// </summary>
public interface IMarathonHttpClientProvider
{
    /// <summary>The client to use (callers must not dispose it).</summary>
    HttpClient GetClient();
}
