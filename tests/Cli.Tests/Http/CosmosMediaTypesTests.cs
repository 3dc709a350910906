using Universe.Cli.Http;

namespace Universe.Cli.Tests.Http;

public sealed class CosmosMediaTypesTests
{
    [Fact]
    public void For_KindAndVersion_IsTheExactVendorType()
    {
        Assert.Equal(
            "application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2",
            CosmosMediaTypes.For("package.install-response", "v2"));
    }

    [Theory]
    [InlineData("application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1", true)]
    [InlineData("application/vnd.dcos.package.search-response+json; version=v1; charset=UTF-8", true)]
    [InlineData("application/vnd.dcos.package.search-response+json;charset=utf-8;version=v2", false)]
    [InlineData("application/vnd.dcos.package.search-response+json;charset=utf-8", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Matches_ResponseContentType_ComparesTypeAndParameters(string? actual, bool expected)
    {
        Assert.Equal(expected, CosmosMediaTypes.Matches("application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1", actual));
    }
}
