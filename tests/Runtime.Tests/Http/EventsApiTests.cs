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
    public async Task Events_WithoutEventClientAccept_Returns405()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.GetAsync("v2/events");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static void JsonNodeAssert(System.Text.Json.Nodes.JsonNode update, string state)
    {
        Assert.Equal(state, (string?)update["taskStatus"]);
        Assert.Equal("/e", (string?)update["appId"]);
    }
}
