using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>Marathon's write resources consume application/json only: another declared media type is a 415 with a Marathon body.</summary>
public sealed class MediaTypeTests
{
    private const string App = """{"id":"/typed","cmd":"sleep 100","cpus":0.1,"mem":16}""";

    [Theory]
    [InlineData("POST", "v2/apps", "text/plain")]
    [InlineData("POST", "v2/apps", "application/x-www-form-urlencoded")]
    [InlineData("POST", "v2/apps", "application/vnd.marathon+json")]
    [InlineData("PUT", "v2/apps/typed", "text/plain")]
    [InlineData("PATCH", "v2/apps/typed", "text/plain")]
    [InlineData("PUT", "v2/apps", "text/plain; charset=utf-8")]
    [InlineData("PATCH", "v2/apps", "text/xml")]
    [InlineData("POST", "v2/groups", "text/plain")]
    [InlineData("PUT", "v2/groups/typed", "text/plain")]
    [InlineData("POST", "v2/tasks/delete", "text/plain")]
    [InlineData("POST", "v2/apps", "not a media type")]
    public async Task Write_NonJsonMediaType_415WithMarathonMessageAndNothingStored(string method, string path, string contentType)
    {
        await using var host = await RuntimeTestHost.StartAsync();
        var body = path.StartsWith("v2/groups", StringComparison.Ordinal) ? """{"id":"/typed","apps":[]}"""
            : path == "v2/tasks/delete" ? """{"ids":[]}"""
            : path == "v2/apps" && method != "POST" ? "[" + App + "]" : App;
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await host.Client.SendAsync(request);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        var apps = await host.GetJsonAsync("v2/apps");
        using var group = await host.Client.GetAsync("v2/groups/typed");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal("Unsupported Media Type", (string?)error!["message"]);
        Assert.Empty(apps["apps"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=UTF-8")]
    [InlineData(null)]
    public async Task Create_JsonOrNoMediaType_Accepted(string? contentType)
    {
        await using var host = await RuntimeTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/apps") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(App)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
