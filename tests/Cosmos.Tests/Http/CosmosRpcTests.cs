using System.Net;
using System.Text.Json;

namespace Universe.Cosmos.Tests.Http;

public sealed class CosmosRpcTests : IAsyncLifetime
{
    private const string ErrorType = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";
    private static readonly string EchoV1 = RpcRequests.Vendor("test.echo-response", "v1");
    private static readonly string EchoV2 = RpcRequests.Vendor("test.echo-response", "v2");
    private RpcTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await RpcTestHost.StartAsync();
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Post_NoHeadersNoBody_ReturnsMultipleErrorsInOrder()
    {
        using var request = RpcRequests.Post("/test/echo", body: null, accept: null, contentType: null);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorType, RpcRequests.RawContentType(response));
        Assert.Equal(
            """{"type":"multiple_errors","message":"Multiple errors while processing request","data":{"errors":[{"type":"not_present","message":"Item header 'Accept' not present but required"},{"type":"not_present","message":"Item header 'Content-Type' not present but required"},{"type":"not_present","message":"Item body not present but required"}]}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ValidRequest_ReturnsSelectedMediaTypeAndDropsNullsAtEveryDepth()
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a","unknown":[1]}""", EchoV1, RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EchoV1, RpcRequests.RawContentType(response));
        Assert.Equal("""{"name":"a","version":"v1","extra":{"kept":1,"deep":{}}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_BothVersionsWithQuality_SelectsHigherQuality()
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", $"{EchoV1};q=0.9,{EchoV2};q=0.8", RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(EchoV1, RpcRequests.RawContentType(response));
    }

    [Fact]
    public async Task Post_GoClientAcceptWithErrorType_SelectsResponseType()
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", $"{EchoV2},{ErrorType}", RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EchoV2, RpcRequests.RawContentType(response));
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("application/vnd.dcos.test.echo-response+json")]
    [InlineData("application/vnd.dcos.test.echo-response+json;version=v1")]
    [InlineData("application/vnd.dcos.test.echo-response+json;charset=utf-8;version=V1")]
    [InlineData("application/vnd.dcos.test.echo-response+json;charset=utf-8;version=v3")]
    public async Task Post_UnacceptableAccept_Returns400NotValid(string accept)
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", accept, RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_valid", body.RootElement.GetProperty("type").GetString());
        Assert.StartsWith("Item header 'Accept' deemed invalid by rule: Media type was [", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"] but should be one of [{EchoV2}, {EchoV1}]", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/vnd.dcos.test.echo-request+json")]
    [InlineData("application/vnd.dcos.test.echo-request+json;version=v1")]
    [InlineData("application/vnd.dcos.test.echo-request+json;charset=utf-8")]
    [InlineData("application/json")]
    public async Task Post_IncompatibleContentType_Returns400NotValid(string contentType)
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", EchoV1, contentType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"type":"not_valid","message":"Item header 'Content-Type' deemed invalid by rule: should match one of application/vnd.dcos.test.echo-request+json;charset=utf-8;version=v1"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/vnd.dcos.test.echo-request+json;version=v1;charset=utf-8")]
    [InlineData("application/vnd.dcos.test.echo-request+json; charset=UTF-8; version=v1")]
    [InlineData("application/vnd.dcos.test.echo-request+json;charset=utf-8;version=v1;extra=1")]
    public async Task Post_CompatibleContentType_IsAccepted(string contentType)
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", EchoV1, contentType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_MissingRequiredField_Returns400NotParsed()
    {
        using var request = RpcRequests.Post("/test/echo", """{"count":1}""", EchoV1, RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"type":"not_parsed","message":"Item 'body' unable to be parsed: Attempt to decode value on failed cursor: DownField(name)"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"name\":5}")]
    [InlineData("{\"name\":null}")]
    [InlineData("{\"name\":\"a\",\"options\":3}")]
    public async Task Post_UndecodableBody_Returns400NotParsedEnvelope(string body)
    {
        using var request = RpcRequests.Post("/test/echo", body, EchoV1, RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorType, RpcRequests.RawContentType(response));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_parsed", json.RootElement.GetProperty("type").GetString());
        Assert.StartsWith("Item 'body' unable to be parsed: ", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadAcceptAndMalformedBody_ReturnsBothInOrder()
    {
        using var request = RpcRequests.Post("/test/echo", "{", "application/json", RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("data").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("multiple_errors", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(["not_valid", "not_parsed"], errors);
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("HTTPS")]
    public async Task Post_InvalidForwardedProto_Returns400NotValid(string proto)
    {
        using var request = RpcRequests.Post("/test/echo", """{"name":"a"}""", EchoV1, RpcRequests.EchoRequestType);
        request.Headers.Add("X-Forwarded-Proto", proto);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            $$"""{"type":"not_valid","message":"Item header 'X-Forwarded-Proto' deemed invalid by rule: Unable to determine scheme used to contact service: [{{proto}}]"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_HandlerThrowsCosmosException_ReturnsEnvelopeByteForByte()
    {
        using var request = RpcRequests.Post("/test/fail", """{"name":"nope"}""", EchoV1, RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorType, RpcRequests.RawContentType(response));
        Assert.Equal("""{"type":"PackageNotFound","message":"Package [nope] not found","data":{"packageName":"nope"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_HandlerThrowsUnexpectedException_Returns500UnhandledException()
    {
        using var request = RpcRequests.Post("/test/fail", """{"name":"crash"}""", EchoV1, RpcRequests.EchoRequestType);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"type":"unhandled_exception","message":"boom"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_FrameworkBoundEndpointWithMalformedJson_Returns400JsonError()
    {
        using var request = RpcRequests.Post("/test/bound", "{\"name\":", null, "application/json");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorType, RpcRequests.RawContentType(response));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("json_error", json.RootElement.GetProperty("type").GetString());
    }
}
