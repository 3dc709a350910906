using Universe.Cosmos.Http;

namespace Universe.Cosmos.Tests.Http;

public sealed class MediaTypeTests
{
    [Theory]
    [InlineData("application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1", "application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1")]
    [InlineData("Application/VND.dcos.x+JSON; Charset=UTF-8; version=V1", "application/vnd.dcos.x+json;charset=utf-8;version=V1")]
    [InlineData("text/html", "text/html")]
    [InlineData("text/plain;a=\"quoted value\"", "text/plain;a=quoted value")]
    [InlineData("*/*;q=0.5", "*/*;q=0.5")]
    public void TryParse_ValidText_NormalisesAsCosmos(string text, string expected)
    {
        var parsed = MediaType.TryParse(text, out var mediaType);

        Assert.True(parsed);
        Assert.Equal(expected, mediaType!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("application")]
    [InlineData("application/")]
    [InlineData("/json")]
    [InlineData("application/json;charset")]
    [InlineData("application/a+b+c")]
    [InlineData("appli cation/json")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        var parsed = MediaType.TryParse(text, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData("application/x+json;charset=utf-8;version=v1", "application/x+json;version=v1;charset=utf-8;q=0.3", true)]
    [InlineData("application/x+json;charset=utf-8;version=v1", "application/x+json;charset=utf-8;version=v1;extra=1", true)]
    [InlineData("application/x+json;charset=utf-8;version=v1", "application/x+json;charset=utf-8", false)]
    [InlineData("application/x+json;charset=utf-8;version=v1", "application/x+json;charset=utf-8;version=v2", false)]
    [InlineData("application/x+json", "application/x+json;charset=utf-8", true)]
    [InlineData("application/x+json", "application/x", false)]
    [InlineData("application/x+json;q=0.1", "application/x+json", true)]
    public void Compatible_ExpectedParametersSubsetOfActual_Decides(string expected, string actual, bool compatible)
    {
        var result = MediaType.Compatible(MediaType.Parse(expected), MediaType.Parse(actual));

        Assert.Equal(compatible, result);
    }

    [Fact]
    public void Equals_ParametersInOtherOrder_AreEqual()
    {
        var a = MediaType.Parse("application/x+json;charset=utf-8;version=v1");
        var b = MediaType.Parse("application/x+json;version=v1;charset=utf-8");

        var equal = a.Equals(b) && a.GetHashCode() == b.GetHashCode();

        Assert.True(equal);
    }
}
