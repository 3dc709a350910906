using Universe.Builder.Build;
using Universe.Builder.Serving;

namespace Universe.Builder.Tests.Serving;

public sealed class RepoNegotiationTests
{
    private const string V3 = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3";
    private const string V4 = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4";
    private const string V5 = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5";
    private const string Cosmos = V5 + "," + V4 + "," + V3;

    private static readonly IReadOnlyList<(string, LooseVersion)> Served =
        [.. DcosVersions.Default.Select(v => (v, LooseVersion.Parse(v))).OrderBy(v => v.Item2)];

    [Theory]
    [InlineData(Cosmos, "dcos/2.0", "2.0")]
    [InlineData(Cosmos, "dcos/1.13", "1.13")]
    [InlineData(Cosmos, "dcos/1.12.4", "1.12")]
    [InlineData(Cosmos, "dcos/1.10", "1.10")]
    [InlineData(Cosmos, "dcos/1.8", "1.8")]
    [InlineData(Cosmos, "dcos/2.2.1", "2.0")]
    [InlineData(Cosmos, "cosmos/universe dcos/1.11", "1.11")]
    [InlineData(Cosmos, "curl/8.0", "2.0")]
    [InlineData(Cosmos, null, "2.0")]
    [InlineData(V3, "dcos/1.9", "1.9")]
    [InlineData(V3, "dcos/2.0", "1.9")]
    [InlineData(V4, "dcos/2.0", "1.11")]
    [InlineData(V3 + "," + V5, "dcos/1.11", "1.9")]
    [InlineData(V4 + ";q=0," + V3, "dcos/1.10", "1.9")]
    [InlineData("application/json", "dcos/1.10", "1.10")]
    [InlineData("*/*", "dcos/1.12", "1.12")]
    [InlineData("application/vnd.dcos.universe.repo+json", "dcos/1.8", "1.8")]
    [InlineData(null, "dcos/1.9", "1.9")]
    public void Choose_AcceptAndUserAgent_PickTheRepoFile(string? accept, string? userAgent, string expected)
    {
        var choice = RepoNegotiation.Choose(Served, accept, userAgent, null);

        Assert.Equal(expected, choice.DcosVersion);
    }

    [Fact]
    public void Choose_QueryVersion_WinsOverUserAgent()
    {
        Assert.Equal("1.10", RepoNegotiation.Choose(Served, Cosmos, "dcos/2.0", "1.10.7").DcosVersion);
    }

    [Theory]
    [InlineData("text/html", "dcos/2.0", null, 406, "NotAcceptable")]
    [InlineData("application/zip", "dcos/1.8", null, 406, "NotAcceptable")]
    [InlineData(V5 + ";q=0", "dcos/2.0", null, 406, "NotAcceptable")]
    [InlineData("application/vnd.dcos.universe.repo+json;version=v6", "dcos/2.0", null, 406, "NotAcceptable")]
    [InlineData(V5, "dcos/1.9", null, 406, "NotAcceptable")]
    [InlineData(Cosmos, "dcos/1.7", null, 400, "UnsupportedDcosVersion")]
    [InlineData(Cosmos, "dcos/2.0", "latest", 400, "InvalidDcosVersion")]
    public void Choose_NothingFits_FailsWithAClearError(string accept, string userAgent, string? query, int status, string type)
    {
        var choice = RepoNegotiation.Choose(Served, accept, userAgent, query);

        Assert.Null(choice.DcosVersion);
        Assert.Equal(status, choice.Status);
        Assert.Equal(type, choice.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(choice.Error));
    }
}
