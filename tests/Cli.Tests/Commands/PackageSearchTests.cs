using System.Text.Json.Nodes;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Commands;

public sealed class PackageSearchTests : StubCosmosTest
{
    [Fact]
    public async Task Search_Query_SendsTheVendorMediaTypesAndPrintsTheTable()
    {
        Server.OnCosmos("/package/search", "package.search-response.json", "package.search-response");

        var exit = await Cli.RunAsync("package", "search", "kafka");

        Assert.Equal(ExitCodes.Success, exit);
        var request = Server.Single("/package/search");
        Assert.Equal("application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1", request.ContentType);
        Assert.Equal(
            "application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1,application/vnd.dcos.package.error+json;charset=utf-8;version=v1",
            request.Accept);
        Assert.Equal("""{"query":"kafka"}""", request.Body);
        Assert.Equal(
            "       NAME          VERSION     CERTIFIED  FRAMEWORK           DESCRIPTION           \n"
            + "  confluent-kafka  2.0.2-4.0.0e  false      true       Apache Kafka by Confluent      \n"
            + "  kafka            2.3.0-1.1.0   true       true       Apache Kafka running on DC/OS  \n",
            Cli.Stdout);
        Assert.Equal(string.Empty, Cli.Stderr);
    }

    [Fact]
    public async Task Search_Json_PrintsTheWholeResponseWithFourSpaceIndent()
    {
        Server.OnCosmos("/package/search", "package.search-response.json", "package.search-response");

        var exit = await Cli.RunAsync("package", "search", "--json");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("package.search-response.json")), JsonNode.Parse(Cli.Stdout)));
        Assert.Contains("\n    \"packages\": [", Cli.Stdout, StringComparison.Ordinal);
        Assert.Equal("{}", Server.Single("/package/search").Body);
    }

    [Fact]
    public async Task Search_NoMatchForAQuery_FailsWithNoPackagesFound()
    {
        Server.On("POST", "/package/search", 200, "application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1", """{"packages":[]}""");

        var exit = await Cli.RunAsync("package", "search", "zzz");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: no packages found\n", Cli.Stderr);
        Assert.Equal(string.Empty, Cli.Stdout);
    }

    [Fact]
    public async Task Search_NoMatchWithJson_PrintsEmptyListAndSucceeds()
    {
        Server.On("POST", "/package/search", 200, "application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1", """{"packages":[]}""");

        var exit = await Cli.RunAsync("package", "search", "zzz", "--json");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("{\n    \"packages\": []\n}\n", Cli.Stdout);
    }

    [Fact]
    public async Task Search_WrongResponseContentType_IsReported()
    {
        Server.On("POST", "/package/search", 200, "application/json", """{"packages":[]}""");

        var exit = await Cli.RunAsync("package", "search");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.StartsWith("Error: Server returned incorrect response type, expected application/vnd.dcos.package.search-response", Cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TokenConfigured_SendsBearerAuthorization()
    {
        Server.OnCosmos("/package/search", "package.search-response.json", "package.search-response");
        Cli.Environment["DCOS_TOKEN"] = "s3cret";

        await Cli.RunAsync("package", "search");

        Assert.Equal("Bearer s3cret", Server.Single("/package/search").Authorization);
    }

    [Fact]
    public async Task Search_Unauthorized_SaysHowToSetTheToken()
    {
        Server.On("POST", "/package/search", 401, "text/plain", string.Empty);

        var exit = await Cli.RunAsync("package", "search");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("Error: authentication failed: set the cluster token with 'dcos cluster setup <url> --token -' or DCOS_TOKEN\n", Cli.Stderr);
    }
}
