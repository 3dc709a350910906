using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cli.Http;

/// <summary>
/// Minimal Marathon v2 client (apps, deployments, queue). The <see cref="HttpClient"/> BaseAddress is the Marathon
/// root ending with <c>/</c>, by default <c>&lt;cluster url&gt;/marathon/</c> (the bundled Runtime).
/// </summary>
public sealed class MarathonClient(HttpClient http)
{
    private const string Service = "Marathon";

    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>Normalises an app id to start with <c>/</c> and have no trailing <c>/</c>.</summary>
    public static string NormalizeAppId(string appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        return "/" + appId.Trim().Trim('/');
    }

    public async Task<JsonArray> ListAppsAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, "v2/apps", null, cancellationToken);
        return body?["apps"] as JsonArray ?? [];
    }

    /// <summary>The app with its tasks embedded, or null when Marathon says 404.</summary>
    public async Task<JsonObject?> GetAppAsync(string appId, CancellationToken cancellationToken)
    {
        try
        {
            var body = await SendAsync(HttpMethod.Get, AppPath(appId) + "?embed=apps.tasks&embed=apps.lastTaskFailure", null, cancellationToken);
            return body?["app"] as JsonObject;
        }
        catch (MarathonApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<JsonArray> ListDeploymentsAsync(CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, "v2/deployments", null, cancellationToken) as JsonArray ?? [];

    public async Task<JsonArray> ListQueueAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, "v2/queue", null, cancellationToken);
        return body?["queue"] as JsonArray ?? [];
    }

    /// <summary>Creates an app; returns Marathon's response (the app, with <c>deployments</c>).</summary>
    public async Task<JsonObject> CreateAppAsync(JsonObject app, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, "v2/apps", app, cancellationToken) as JsonObject ?? [];

    /// <summary>Deletes an app; returns the deployment id, or throws <see cref="MarathonApiException"/> (404 when absent).</summary>
    public async Task<string?> DeleteAppAsync(string appId, bool force, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Delete, AppPath(appId) + (force ? "?force=true" : string.Empty), null, cancellationToken);
        return Output.JsonText.Str(body?["deploymentId"]);
    }

    /// <summary><c>PUT /v2/apps/{id}[?force=true]</c> with a partial app (Marathon's default partial update); returns the deployment id.</summary>
    public async Task<string?> UpdateAppAsync(string appId, JsonObject changes, bool force, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Put, AppPath(appId) + (force ? "?force=true" : string.Empty), changes, cancellationToken);
        return Output.JsonText.Str(body?["deploymentId"]);
    }

    /// <summary><c>POST /v2/apps/{id}/restart[?force=true]</c>; returns the deployment id.</summary>
    public async Task<string?> RestartAppAsync(string appId, bool force, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, AppPath(appId) + "/restart" + (force ? "?force=true" : string.Empty), null, cancellationToken);
        return Output.JsonText.Str(body?["deploymentId"]);
    }

    /// <summary><c>DELETE /v2/apps/{id}/tasks[?scale=true][&amp;host=h]</c>: Marathon's answer (<c>{tasks}</c>, or <c>{deploymentId}</c> with scale).</summary>
    public async Task<JsonObject> KillTasksAsync(string appId, bool scale, string? host, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (scale)
        {
            query.Add("scale=true");
        }

        if (!string.IsNullOrEmpty(host))
        {
            query.Add("host=" + Uri.EscapeDataString(host));
        }

        var path = AppPath(appId) + "/tasks" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
        return await SendAsync(HttpMethod.Delete, path, null, cancellationToken) as JsonObject ?? [];
    }

    private static string AppPath(string appId) =>
        "v2/apps/" + string.Join('/', NormalizeAppId(appId).TrimStart('/').Split('/').Select(Uri.EscapeDataString));

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw HttpFailures.Unreachable(Service, http.BaseAddress, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw HttpFailures.TimedOut(Service, http.BaseAddress, http.Timeout, e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
                // Reported below with the status.
            }

            if (!response.IsSuccessStatusCode)
            {
                var message = Output.JsonText.Str((json as JsonObject)?["message"])
                    ?? $"Marathon returned HTTP {(int)response.StatusCode} {response.ReasonPhrase} for {path}";
                throw new MarathonApiException(response.StatusCode, message);
            }

            return json;
        }
    }
}
