using System.Text;

namespace Universe.Cosmos.Tests.Http;

/// <summary>Builds RPC requests with exact header values (no HttpClient normalisation of media types).</summary>
internal static class RpcRequests
{
    public const string EchoRequestType = "application/vnd.dcos.test.echo-request+json;charset=utf-8;version=v1";

    public static HttpRequestMessage Post(string path, string? body, string? accept, string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.Remove("Content-Type");
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }
        else if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    public static string Vendor(string kind, string version) => $"application/vnd.dcos.{kind}+json;charset=utf-8;version={version}";

    /// <summary>The Content-Type exactly as sent (HttpClient would re-print it with spaces).</summary>
    public static string RawContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : string.Empty;
}
