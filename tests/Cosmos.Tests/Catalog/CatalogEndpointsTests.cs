using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Catalog;

public sealed class CatalogEndpointsTests(CatalogApplicationFactory factory) : IClassFixture<CatalogApplicationFactory>
{
    private const string ErrorType = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

    [Fact]
    public async Task Capabilities_VendorAccept_ReturnsStaticList()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/capabilities");
        request.Headers.TryAddWithoutValidation("Accept", RpcRequests.Vendor("capabilities", "v1"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RpcRequests.Vendor("capabilities", "v1"), RpcRequests.RawContentType(response));
        Assert.Equal(
            """{"capabilities":[{"name":"PACKAGE_MANAGEMENT"},{"name":"SUPPORT_CLUSTER_REPORT"},{"name":"METRONOME"},{"name":"LOGGING"},{"name":"LOGGING_V2"}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Capabilities_NoAccept_Returns400NotPresent()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/capabilities", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"type":"not_present","message":"Item header 'Accept' not present but required"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_NoQuery_ReturnsSelectedFirstThenByName()
    {
        using var response = await PostAsync("/package/search", "{}", "package.search");

        Assert.Equal(RpcRequests.Vendor("package.search-response", "v1"), RpcRequests.RawContentType(response));
        Assert.Equal(["cassandra", "helloworld", "kafka", "managed", "updatable"], await NamesAsync(response));
    }

    [Theory]
    [InlineData("CASS", "cassandra")]
    [InlineData("apache", "cassandra,kafka")]
    [InlineData("*a*", "cassandra,helloworld,kafka,managed,updatable")]
    [InlineData("Apache*", "cassandra,kafka")]
    [InlineData("apache*", "")]
    [InlineData("queue", "kafka")]
    public async Task Search_Query_FiltersAsCosmos(string query, string expected)
    {
        using var response = await PostAsync("/package/search", JsonSerializer.Serialize(new { query }), "package.search");

        Assert.Equal(expected, string.Join(",", await NamesAsync(response)));
    }

    [Fact]
    public async Task Search_Cassandra_ReturnsCosmosShapeWithNumericVersions()
    {
        using var response = await PostAsync("/package/search", """{"query":"cassandra"}""", "package.search");

        Assert.Equal(
            """{"packages":[{"name":"cassandra","currentVersion":"1.0.6","versions":{"1.0.6":8,"0.2.0-1":0},"description":"Apache Cassandra running on DC/OS","framework":true,"tags":["data","database","nosql"],"selected":true}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_Images_AreRewrittenToTheResourceProxy()
    {
        using var response = await PostAsync("/package/search", """{"query":"helloworld"}""", "package.search", forwardedProto: "https");

        var hit = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["packages"]![0]!;
        Assert.Equal("https://localhost/package/resource?url=https%3A%2F%2Fexample.com%2Fsmall.png", (string?)hit["images"]!["icon-small"]);
        Assert.Equal("0.4.2", (string?)hit["currentVersion"]);
        Assert.Null(hit["selected"]);
        Assert.False((bool)hit["framework"]!);
    }

    [Fact]
    public async Task Describe_UnknownPackage_ReturnsPackageNotFoundByteForByte()
    {
        using var response = await PostAsync("/package/describe", """{"packageName":"nope"}""", "package.describe", "v3");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorType, RpcRequests.RawContentType(response));
        Assert.Equal("""{"type":"PackageNotFound","message":"Package [nope] not found","data":{"packageName":"nope"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Describe_UnknownVersion_ReturnsVersionNotFound()
    {
        using var response = await PostAsync("/package/describe", """{"packageName":"helloworld","packageVersion":"a.b.c"}""", "package.describe", "v3");

        Assert.Equal(
            """{"type":"VersionNotFound","message":"Version [a.b.c] of package [helloworld] not found","data":{"packageName":"helloworld","packageVersion":"a.b.c"}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Describe_NoVersion_UsesLowestRepositoryThenHighestRelease()
    {
        using var response = await PostAsync("/package/describe", """{"packageName":"helloworld"}""", "package.describe", "v3");

        Assert.Equal(RpcRequests.Vendor("package.describe-response", "v3"), RpcRequests.RawContentType(response));
        var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["package"]!;
        Assert.Equal("0.4.2", (string?)package["version"]);
    }

    [Fact]
    public async Task Describe_V3_ReturnsKnownFieldsWithRewrittenUrls()
    {
        using var response = await PostAsync("/package/describe", """{"packageName":"helloworld","packageVersion":"0.4.2"}""", "package.describe", "v3");

        var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["package"]!.AsObject();
        Assert.Null(package["unknownField"]);
        Assert.Equal(5, (long)package["releaseVersion"]!);
        Assert.Equal(1500, (long)package["lastUpdated"]!);
        Assert.Equal("4.0", (string?)package["packagingVersion"]);
        Assert.False(package.ContainsKey("selected"));
        Assert.Equal("http://localhost/package/resource?url=https%3A%2F%2Fexample.com%2Fa.jar", (string?)package["resource"]!["assets"]!["uris"]!["jar"]);
        Assert.Equal("mesosphere/hello:1", (string?)package["resource"]!["assets"]!["container"]!["docker"]!["img"]);
        Assert.Equal("http://localhost/package/resource?url=https%3A%2F%2Fexample.com%2Fs1.png", (string?)package["resource"]!["images"]!["screenshots"]![0]);
        Assert.Equal("http://localhost/package/resource?url=https%3A%2F%2Fexample.com%2Fcli", (string?)package["resource"]!["cli"]!["binaries"]!["linux"]!["x86-64"]!["url"]);
    }

    [Fact]
    public async Task Describe_V2OfPlain40Package_ReportsPackagingVersion30WithDefaults()
    {
        using var response = await PostAsync("/package/describe", """{"packageName":"helloworld","packageVersion":"0.4.2"}""", "package.describe", "v2");

        Assert.Equal(RpcRequests.Vendor("package.describe-response", "v2"), RpcRequests.RawContentType(response));
        var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("3.0", (string?)package["packagingVersion"]);
        Assert.False((bool)package["selected"]!);
        Assert.False((bool)package["framework"]!);
        Assert.False(package.ContainsKey("releaseVersion"));
        Assert.False(package.ContainsKey("lastUpdated"));
        Assert.Equal(CatalogApplicationFactory.HelloTemplate, (string?)package["marathon"]!["v2AppMustacheTemplate"]);
    }

    [Fact]
    public async Task Describe_V2Of20Package_KeepsCommand()
    {
        using var response = await PostAsync("/package/describe", """{"packageName":"helloworld","packageVersion":"0.1.0"}""", "package.describe", "v2");

        var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("2.0", (string?)package["packagingVersion"]);
        Assert.Equal("dcos<1.0", (string?)package["command"]!["pip"]![0]);
    }

    [Theory]
    [InlineData("updatable")]
    [InlineData("managed")]
    public async Task Describe_V2OfPackageUsingV4Features_ReturnsConversionError(string packageName)
    {
        using var response = await PostAsync("/package/describe", JsonSerializer.Serialize(new { packageName }), "package.describe", "v2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"type":"ConversionFromPackageToV2DescribeResponse","message":"A v4 package cannot be converted into a v2 DescribeResponse"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListVersions_KnownPackage_ReturnsReleaseVersionsAsStrings()
    {
        using var response = await PostAsync("/package/list-versions", """{"packageName":"helloworld","includePackageVersions":false}""", "package.list-versions");

        Assert.Equal(RpcRequests.Vendor("package.list-versions-response", "v1"), RpcRequests.RawContentType(response));
        Assert.Equal("""{"results":{"0.4.2":"5","0.1.0":"0","9.9":"100"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListVersions_WithoutIncludePackageVersions_Returns400NotParsed()
    {
        using var response = await PostAsync("/package/list-versions", """{"packageName":"helloworld"}""", "package.list-versions");

        Assert.Equal(
            """{"type":"not_parsed","message":"Item 'body' unable to be parsed: Attempt to decode value on failed cursor: DownField(includePackageVersions)"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListVersions_UnknownPackage_ReturnsPackageNotFound()
    {
        using var response = await PostAsync("/package/list-versions", """{"packageName":"nope","includePackageVersions":true}""", "package.list-versions");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"type":"PackageNotFound","message":"Package [nope] not found","data":{"packageName":"nope"}}""", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string kind, string version = "v1", string? forwardedProto = null)
    {
        using var client = factory.CreateClient();
        using var request = RpcRequests.Post(path, body, RpcRequests.Vendor(kind + "-response", version), RpcRequests.Vendor(kind + "-request", "v1"));
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await client.SendAsync(request);
    }

    private static async Task<List<string>> NamesAsync(HttpResponseMessage response)
    {
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. json["packages"]!.AsArray().Select(p => (string)p!["name"]!)];
    }
}
