using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Universe.Cli.Hosting;
using Universe.Cli.Wire;

namespace Universe.Cli.Http;

/// <summary>
/// Typed client of the Cosmos RPC API (cosmos-api.md §1–§2): every call is a POST with the exact vendor
/// Content-Type and Accept media types; error envelopes become <see cref="CosmosApiException"/>.
/// The <see cref="HttpClient"/> must have its BaseAddress set to the Cosmos root (ending with <c>/</c>).
/// </summary>
public sealed class CosmosClient(HttpClient http)
{
    /// <summary>Lets one long call (a <c>service/update</c> that waits for health) outlast the default timeout; call before the first request.</summary>
    public void AllowAtLeast(TimeSpan timeout)
    {
        if (http.Timeout != Timeout.InfiniteTimeSpan && http.Timeout < timeout)
        {
            http.Timeout = timeout;
        }
    }

    private const string Service = "Cosmos";

    public Uri? BaseAddress => http.BaseAddress;

    public async Task<SearchResponse> SearchAsync(string? query, CancellationToken cancellationToken) =>
        await PostAsync("package/search", "package.search", "v1", new SearchRequest(query),
            CliJsonContext.Default.SearchRequest, CliJsonContext.Default.SearchResponse, cancellationToken);

    /// <summary>
    /// <c>package/describe</c> v3; on HTTP 400 retried as v2 (the flat DC/OS 1.x package object), as the original CLI
    /// does for an older Cosmos. When v2 fails too, its error is reported (v3's when v2 is not offered either).
    /// </summary>
    public async Task<DescribeResponse> DescribeAsync(string packageName, string? packageVersion, CancellationToken cancellationToken)
    {
        var request = new DescribeRequest(packageName, packageVersion);
        try
        {
            return await PostAsync("package/describe", "package.describe", "v3", request,
                CliJsonContext.Default.DescribeRequest, CliJsonContext.Default.DescribeResponse, cancellationToken);
        }
        catch (CosmosApiException v3) when (v3.Status == System.Net.HttpStatusCode.BadRequest)
        {
            try
            {
                var flat = await PostAsync("package/describe", "package.describe", "v2", request,
                    CliJsonContext.Default.DescribeRequest, CliJsonContext.Default.JsonObject, cancellationToken);
                return new DescribeResponse(flat);
            }
            catch (CosmosApiException v2) when (v2.Type is "not_valid" or "multiple_errors")
            {
                throw v3;
            }
        }
    }

    public async Task<ListVersionsResponse> ListVersionsAsync(string packageName, CancellationToken cancellationToken) =>
        await PostAsync("package/list-versions", "package.list-versions", "v1", new ListVersionsRequest(packageName, true),
            CliJsonContext.Default.ListVersionsRequest, CliJsonContext.Default.ListVersionsResponse, cancellationToken);

    public async Task<RenderResponse> RenderAsync(RenderRequest request, CancellationToken cancellationToken) =>
        await PostAsync("package/render", "package.render", "v1", request,
            CliJsonContext.Default.RenderRequest, CliJsonContext.Default.RenderResponse, cancellationToken);

    public async Task<InstallResponse> InstallAsync(InstallRequest request, CancellationToken cancellationToken) =>
        await PostAsync("package/install", "package.install", "v2", request,
            CliJsonContext.Default.InstallRequest, CliJsonContext.Default.InstallResponse, cancellationToken);

    public async Task<UninstallResponse> UninstallAsync(UninstallRequest request, CancellationToken cancellationToken) =>
        await PostAsync("package/uninstall", "package.uninstall", "v1", request,
            CliJsonContext.Default.UninstallRequest, CliJsonContext.Default.UninstallResponse, cancellationToken);

    public async Task<ListResponse> ListAsync(ListRequest request, CancellationToken cancellationToken) =>
        await PostAsync("package/list", "package.list", "v1", request,
            CliJsonContext.Default.ListRequest, CliJsonContext.Default.ListResponse, cancellationToken);

    public async Task<RepositoryListResponse> AddRepositoryAsync(RepositoryAddRequest request, CancellationToken cancellationToken) =>
        await PostAsync("package/repository/add", "package.repository.add", "v1", request,
            CliJsonContext.Default.RepositoryAddRequest, CliJsonContext.Default.RepositoryListResponse, cancellationToken);

    public async Task<RepositoryListResponse> DeleteRepositoryAsync(RepositoryDeleteRequest request, CancellationToken cancellationToken) =>
        await PostAsync("package/repository/delete", "package.repository.delete", "v1", request,
            CliJsonContext.Default.RepositoryDeleteRequest, CliJsonContext.Default.RepositoryListResponse, cancellationToken);

    public async Task<RepositoryListResponse> ListRepositoriesAsync(CancellationToken cancellationToken) =>
        await PostAsync("package/repository/list", "package.repository.list", "v1", new RepositoryListRequest(),
            CliJsonContext.Default.RepositoryListRequest, CliJsonContext.Default.RepositoryListResponse, cancellationToken);

    public async Task<ServiceUpdateResponse> UpdateServiceAsync(ServiceUpdateRequest request, CancellationToken cancellationToken) =>
        await PostAsync("service/update", "service.update", "v1", request,
            CliJsonContext.Default.ServiceUpdateRequest, CliJsonContext.Default.ServiceUpdateResponse, cancellationToken);

    public async Task<ServiceHistoryResponse> ServiceHistoryAsync(string appId, CancellationToken cancellationToken) =>
        await PostAsync("service/history", "service.history", "v1", new ServiceHistoryRequest(appId),
            CliJsonContext.Default.ServiceHistoryRequest, CliJsonContext.Default.ServiceHistoryResponse, cancellationToken);

    public async Task<ServiceDiffResponse> ServiceDiffAsync(ServiceDiffRequest request, CancellationToken cancellationToken) =>
        await PostAsync("service/diff", "service.diff", "v1", request,
            CliJsonContext.Default.ServiceDiffRequest, CliJsonContext.Default.ServiceDiffResponse, cancellationToken);

    public async Task<ServiceRollbackResponse> ServiceRollbackAsync(ServiceRollbackRequest request, CancellationToken cancellationToken) =>
        await PostAsync("service/rollback", "service.rollback", "v1", request,
            CliJsonContext.Default.ServiceRollbackRequest, CliJsonContext.Default.ServiceRollbackResponse, cancellationToken);

    /// <summary>
    /// <c>GET /package/resource?url=&lt;url&gt;</c>: the bytes of a resource listed by a known package (CLI binaries),
    /// streamed by Cosmos.
    /// </summary>
    public async Task<byte[]> GetResourceAsync(string url, CancellationToken cancellationToken)
    {
        var path = "package/resource?url=" + Uri.EscapeDataString(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", $"*/*,{CosmosMediaTypes.Error}");
        using var response = await SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ReadError(response, bytes, "package/resource");
        }

        return bytes;
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path,
        string kind,
        string responseVersion,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var accept = CosmosMediaTypes.For(kind + "-response", responseVersion);
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Accept", $"{accept},{CosmosMediaTypes.Error}");
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.TryAddWithoutValidation("Content-Type", CosmosMediaTypes.For(kind + "-request", "v1"));
        request.Content = content;

        using var response = await SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ReadError(response, bytes, path);
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        if (!CosmosMediaTypes.Matches(accept, contentType))
        {
            throw new CliException($"Server returned incorrect response type, expected {accept} but got {contentType}");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, responseType)
                ?? throw new CliException($"Cosmos returned an empty response to {path}");
        }
        catch (JsonException e)
        {
            throw new CliException($"cannot read the Cosmos response to {path}: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw HttpFailures.Unreachable(Service, http.BaseAddress, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw HttpFailures.TimedOut(Service, http.BaseAddress, http.Timeout, e);
        }
    }

    internal static CliException ReadError(HttpResponseMessage response, byte[] body, string path)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject envelope
                && envelope["type"] is JsonValue type && type.TryGetValue<string>(out var typeName)
                && envelope["message"] is JsonValue message && message.TryGetValue<string>(out var text))
            {
                return new CosmosApiException(typeName, text, envelope["data"] as JsonObject, response.StatusCode);
            }
        }
        catch (JsonException)
        {
            // Not an envelope: reported below with the raw status.
        }

        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return new CliException(
                "authentication failed: set the cluster token with 'dcos cluster setup <url> --token -' or DCOS_TOKEN");
        }

        if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            return new CliException("you are not authorized to perform this operation");
        }

        var snippet = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).Trim();
        return new CliException(
            $"Cosmos returned HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {path}"
            + (snippet.Length > 0 ? $": {snippet}" : string.Empty));
    }
}
