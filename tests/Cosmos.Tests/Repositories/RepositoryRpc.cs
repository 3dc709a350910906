using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Repositories;

/// <summary>Posts repository RPCs with the exact Cosmos media types and reads the JSON answer.</summary>
internal static class RepositoryRpc
{
    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string action, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/package/repository/{action}");
        request.Headers.TryAddWithoutValidation("Accept", $"application/vnd.dcos.package.repository.{action}-response+json;charset=utf-8;version=v1");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(body)));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/vnd.dcos.package.repository.{action}-request+json;charset=utf-8;version=v1");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException(text));
    }

    public static string[] Names(JsonObject body) =>
        [.. body["repositories"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())];
}
