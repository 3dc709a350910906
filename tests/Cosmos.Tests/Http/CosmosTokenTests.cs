using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Universe.Cosmos.Tests.Http;

public sealed class CosmosTokenTests
{
    private static readonly string Accept = RpcRequests.Vendor("test.echo-response", "v1");

    [Fact]
    public async Task Mutate_LoopbackWithoutToken_IsAllowed()
    {
        await using var host = await RpcTestHost.StartAsync(token: null, "http://127.0.0.1:7070", "http://[::1]:7070", "http://localhost:7071");
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Mutate(authorization: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mutate_NonLoopbackWithoutConfiguredToken_Returns401SayingToConfigureToken()
    {
        await using var host = await RpcTestHost.StartAsync(token: null, "http://0.0.0.0:7070");
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Mutate(authorization: "Bearer anything"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unauthorized", json.RootElement.GetProperty("type").GetString());
        Assert.Contains("Cosmos:Auth:Token", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, json.RootElement.GetProperty("data").GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer s3cret2")]
    [InlineData("Basic s3cret")]
    public async Task Mutate_ConfiguredTokenNotPresented_Returns401(string? authorization)
    {
        await using var host = await RpcTestHost.StartAsync(token: "s3cret");
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Mutate(authorization));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/vnd.dcos.package.error+json;charset=utf-8;version=v1", RpcRequests.RawContentType(response));
        Assert.DoesNotContain("s3cret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutate_NonLoopbackWithConfiguredToken_AcceptsBearerToken()
    {
        await using var host = await RpcTestHost.StartAsync(token: "s3cret", "http://0.0.0.0:7070");
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Mutate("Bearer s3cret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer s3cret")]
    [InlineData("token=s3cret")]
    public async Task Echo_TokenConfigured_ReadsNeedTheTokenInEitherForm(string authorization)
    {
        await using var host = await RpcTestHost.StartAsync(token: "s3cret");
        using var client = host.CreateClient();

        using var anonymous = await client.SendAsync(RpcRequests.Post("/test/echo", """{"name":"a"}""", RpcRequests.Vendor("test.echo-response", "v1"), RpcRequests.EchoRequestType));
        var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", RpcRequests.Vendor("test.echo-response", "v1"), RpcRequests.EchoRequestType);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var authorized = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task Echo_NonLoopbackWithoutToken_ReadOnlyRpcIsAllowed()
    {
        await using var host = await RpcTestHost.StartAsync(token: null, "http://0.0.0.0:7070");
        using var client = host.CreateClient();

        using var response = await client.SendAsync(RpcRequests.Post("/test/echo", """{"name":"a"}""", RpcRequests.Vendor("test.echo-response", "v1"), RpcRequests.EchoRequestType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Mutate(string? authorization)
    {
        var request = RpcRequests.Post("/test/mutate", """{"name":"a"}""", Accept, RpcRequests.EchoRequestType);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return request;
    }
}
