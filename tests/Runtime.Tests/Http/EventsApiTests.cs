using System.Net;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class EventsApiTests
{
    [Fact]
    public async Task Events_FilteredToOneType_SendsOnlyThatTypeNotEvenAttached()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        await using var events = await EventClient.OpenAsync(host, "deployment_success");

        (await host.PostJsonAsync("v2/apps", """{"id":"filtered","cmd":"sleep 100","cpus":0.1,"mem":16}""")).Dispose();
        var (type, _) = await events.NextAnyAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("deployment_success", type);
    }

    [Fact]
    public async Task Events_WithFilter_StartsWithAttachedAndDeliversOnlyThatType()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        await using var events = await EventClient.OpenAsync(host, "deployment_success");

        (await host.PostJsonAsync("v2/apps", """{"id":"e","cmd":"x","cpus":0.1,"mem":16}""")).Dispose();

        var (type, data) = await events.NextAnyAsync();
        Assert.Equal("deployment_success", type);
        Assert.Equal("deployment_success", (string?)data["eventType"]);
        Assert.NotNull((string?)data["timestamp"]);
    }

    [Fact]
    public async Task Events_Unfiltered_ReportsApiPostAndTaskRunning()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        await using var events = await EventClient.OpenAsync(host);

        (await host.PostJsonAsync("v2/apps", """{"id":"e","cmd":"x","cpus":0.1,"mem":16}""")).Dispose();

        var post = await events.NextAsync("api_post_event");
        Assert.Equal("/e", (string?)post["appDefinition"]!["id"]);
        JsonNodeAssert(await events.NextAsync("status_update_event"), "TASK_STAGING");
        JsonNodeAssert(await events.NextAsync("status_update_event"), "TASK_RUNNING");
    }

    [Fact]
    public async Task Events_Frames_AreMarathonsExactly()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();

        var attached = await ReadFrameAsync(body);
        (await host.PostJsonAsync("v2/apps", """{"id":"framed","cmd":"x","cpus":0.1,"mem":16}""")).Dispose();
        var frames = new List<string>();
        while (frames.Count < 20 && (frames.Count == 0 || !frames[^1].StartsWith("event: api_post_event\n", StringComparison.Ordinal)))
        {
            frames.Add(await ReadFrameAsync(body));
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^event: event_stream_attached\ndata: \{""remoteAddress"":""127\.0\.0\.1"",[^\n]*\}\n\n$", attached);
        Assert.Matches(@"^event: api_post_event\ndata: \{[^\n]*""eventType"":""api_post_event""[^\n]*\}\n\n$", frames[^1]);
        Assert.All(frames, frame =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(frame, @"^event: ([a-z_]+)\ndata: (\{[^\n]*\})\n\n$");
            Assert.True(match.Success, frame);
            Assert.Equal(match.Groups[1].Value, (string?)System.Text.Json.Nodes.JsonNode.Parse(match.Groups[2].Value)!["eventType"]);
        });
    }

    [Fact]
    public async Task Events_WithoutEventClientAccept_Returns405()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.GetAsync("v2/events");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    /// <summary>Reads one SSE frame byte by byte: everything up to and including the first blank line.</summary>
    private static async Task<string> ReadFrameAsync(Stream body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 2 || bytes[^1] != '\n' || bytes[^2] != '\n')
        {
            if (await body.ReadAsync(one, timeout.Token) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    private static void JsonNodeAssert(System.Text.Json.Nodes.JsonNode update, string state)
    {
        Assert.Equal(state, (string?)update["taskStatus"]);
        Assert.Equal("/e", (string?)update["appId"]);
    }
}
