using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon;

/// <summary>
/// <see cref="IMarathonClient"/> over HTTP. Connection failures and timeouts become <c>ServiceUnavailable</c> (503);
/// non-success statuses are mapped by <see cref="MarathonErrors"/>. The bearer token (if any) is set by the
/// <see cref="IMarathonHttpClientProvider"/> and never logged.
/// </summary>
public sealed partial class MarathonClient(IMarathonHttpClientProvider clients, ILogger<MarathonClient> logger) : IMarathonClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public async Task<IReadOnlyList<MarathonApp>> ListAppsAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "v2/apps", null, cancellationToken);
        EnsureSuccess(status, body);
        return ParseObject(body)["apps"] is JsonArray apps
            ? [.. apps.OfType<JsonObject>().Select(a => new MarathonApp(a))]
            : [];
    }

    public async Task<MarathonApp?> GetAppAsync(string appId, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, AppIds.ToPath(appId), null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(status, body);
        return ParseObject(body)["app"] is JsonObject app ? new MarathonApp(app) : null;
    }

    public async Task<IReadOnlyList<string>?> ListAppVersionsAsync(string appId, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, AppIds.ToPath(appId) + "/versions", null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(status, body);
        return ParseObject(body)["versions"] is JsonArray versions
            ? [.. versions.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>()]
            : [];
    }

    public async Task<MarathonApp?> GetAppVersionAsync(string appId, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var path = AppIds.ToPath(appId) + "/versions/" + Uri.EscapeDataString(version);
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(status, body);
        return new MarathonApp(ParseObject(body));
    }

    public async Task<string?> CreateAppAsync(JsonObject app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (status, body) = await SendAsync(HttpMethod.Post, "v2/apps", app, cancellationToken);
        if (status == HttpStatusCode.Conflict)
        {
            return null;
        }

        EnsureSuccess(status, body);
        var id = ParseObject(body)["id"] is JsonValue v && v.TryGetValue(out string? s) ? s : app["id"]?.GetValue<string>() ?? string.Empty;
        var normalized = AppIds.Normalize(id);
        LogCreated(normalized);
        return normalized;
    }

    public async Task<string> ReplaceAppAsync(string appId, JsonObject app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var path = AppIds.ToPath(appId) + "?force=true&partialUpdate=false";
        var (status, body) = await SendAsync(HttpMethod.Put, path, app, cancellationToken);
        EnsureSuccess(status, body);
        var json = ParseObject(body);
        var deploymentId = json["deploymentId"]?.GetValue<string>()
            ?? (json["deployments"] as JsonArray)?.FirstOrDefault()?["id"]?.GetValue<string>()
            ?? string.Empty;
        var normalized = AppIds.Normalize(appId);
        LogReplaced(normalized, deploymentId);
        return deploymentId;
    }

    public async Task<MarathonDeleteResult> DeleteAppAsync(string appId, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Delete, AppIds.ToPath(appId) + "?force=true", null, cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return new MarathonDeleteResult(false, (int)status, null);
        }

        if ((int)status is 401 or 403 or >= 500)
        {
            EnsureSuccess(status, body);
        }

        string? deploymentId = null;
        if (status == HttpStatusCode.OK)
        {
            deploymentId = TryParseObject(body)?["deploymentId"]?.GetValue<string>();
            var normalized = AppIds.Normalize(appId);
            LogDeleted(normalized, deploymentId ?? string.Empty);
        }

        return new MarathonDeleteResult(true, (int)status, deploymentId);
    }

    public async Task<IReadOnlyList<string>> ListDeploymentIdsAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "v2/deployments", null, cancellationToken);
        EnsureSuccess(status, body);
        return JsonNode.Parse(body) is JsonArray deployments
            ? [.. deployments.OfType<JsonObject>().Select(d => d["id"]?.GetValue<string>()).OfType<string>()]
            : [];
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, JsonObject? content, CancellationToken cancellationToken)
    {
        HttpClient client;
        try
        {
            client = clients.GetClient();
        }
        catch (InvalidOperationException e)
        {
            LogUnreachable(e, method.Method, path);
            throw new CosmosException(MarathonErrors.Unreachable());
        }

        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("application/json");
        if (content is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content.ToJsonString()));
            request.Content.Headers.ContentType = JsonMediaType;
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(e, method.Method, path);
            throw new CosmosException(MarathonErrors.Unreachable());
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(e, method.Method, path);
            throw new CosmosException(MarathonErrors.Unreachable());
        }
    }

    private void EnsureSuccess(HttpStatusCode status, string body)
    {
        if ((int)status is >= 200 and < 300)
        {
            return;
        }

        LogFailed((int)status);
        throw new CosmosException(MarathonErrors.FromResponse(status, body));
    }

    private static JsonObject ParseObject(string body) =>
        TryParseObject(body) ?? throw new CosmosException(new Errors.MarathonBadGateway(200));

    private static JsonObject? TryParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = true }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marathon app {AppId} created")]
    private partial void LogCreated(string appId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marathon app {AppId} replaced (deployment {DeploymentId})")]
    private partial void LogReplaced(string appId, string deploymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marathon app {AppId} deleted (deployment {DeploymentId})")]
    private partial void LogDeleted(string appId, string deploymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marathon answered {Status}")]
    private partial void LogFailed(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marathon unreachable for {Method} {Path}")]
    private partial void LogUnreachable(Exception exception, string method, string path);
}
