using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>Bodies and ids that once broke the Runtime for everyone: refused at the door, and the listings keep working.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, byte[]> BadBodies => new()
    {
        { "lone surrogate", Encoding.UTF8.GetBytes("""{"id":"/x","cmd":"\ud800"}""") },
        { "lone surrogate in a key", Encoding.UTF8.GetBytes("""{"id":"/x","cmd":"sleep 1","env":{"\udc00":"v"}}""") },
        { "invalid UTF-8", [.. "{\"id\":\"/x\",\"cmd\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()] },
        { "duplicate keys", Encoding.UTF8.GetBytes("""{"id":"/x","cmd":"sleep 1","cmd":"id > pwned"}""") },
        { "10k nesting", Encoding.UTF8.GetBytes("{\"id\":\"/x\",\"labels\":" + new string('[', 10_000) + new string(']', 10_000) + "}") },
        { "truncated", Encoding.UTF8.GetBytes("""{"id":"/x","cmd":"sle""") },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostApp_UnstorableBody_Returns400AndListingsStillWork(string kind, byte[] body)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var post = await host.Client.PostAsync("v2/apps", content);
        using var apps = await host.Client.GetAsync("v2/apps");
        using var groups = await host.Client.GetAsync("v2/groups");

        Assert.True(post.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {post.StatusCode}");
        Assert.Contains("\"message\"", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, apps.StatusCode);
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
        Assert.Equal("""{"apps":[]}""", await apps.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/x", true)]
    [InlineData("/a/b/c", true)]
    [InlineData("/UPPER", false)]
    [InlineData("/-x", false)]
    [InlineData("/x/tasks", false)]
    [InlineData("/x\u0000y", false)]
    public async Task PostApp_IdSyntax_AcceptedOnlyWhenMarathonWould(string id, bool accepted)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var post = await host.PostJsonAsync("v2/apps", $$"""{"id":"{{id.Replace("\u0000", "\\u0000", StringComparison.Ordinal)}}","cmd":"sleep 100"}""");

        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.UnprocessableEntity, post.StatusCode);
    }

    [Theory]
    [InlineData(9_000, 1)]
    [InlineData(64, 1)]
    [InlineData(60, 3)]
    public async Task PostApp_IdTooLong_Returns422AndCreatesNothing(int segmentLength, int segments)
    {
        await using var host = await RuntimeTestHost.StartAsync();
        var id = string.Concat(Enumerable.Repeat("/" + new string('a', segmentLength), segments));

        using var post = await host.PostJsonAsync("v2/apps", $$"""{"id":"{{id}}","cmd":"sleep 100"}""");
        using var group = await host.PostJsonAsync("v2/groups", $$"""{"id":"{{id}}"}""");
        var apps = await host.GetJsonAsync("v2/apps");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, group.StatusCode);
        Assert.Contains("characters long", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(apps["apps"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"id":1}""", "/id")]
    [InlineData("""{"id":"/g","enforceRole":"x"}""", "/enforceRole")]
    [InlineData("""{"scaleBy":"x"}""", "/scaleBy")]
    [InlineData("""{"id":"/g","apps":"x"}""", "/apps")]
    [InlineData("""{"id":"/g","groups":[{"id":2}]}""", "/groups(0)/id")]
    [InlineData("""{"id":"/g","dependencies":[1]}""", "/dependencies(0)")]
    public async Task PutGroup_WrongTypes_Returns400WithPath(string body, string path)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var put = await host.PutJsonAsync("v2/groups/g", body);
        var text = await put.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains($"\"path\":\"{path}\"", text, StringComparison.Ordinal);
    }
}
