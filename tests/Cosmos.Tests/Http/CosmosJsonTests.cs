using System.Text;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Tests.Http;

public sealed class CosmosJsonTests
{
    [Theory]
    [InlineData("""{"a":null,"b":1}""", """{"b":1}""")]
    [InlineData("""{"a":{"b":null,"c":{"d":null}}}""", """{"a":{"c":{}}}""")]
    [InlineData("""{"a":[null,1,{"b":null}]}""", """{"a":[null,1,{}]}""")]
    [InlineData("""{"n\u00e9":"x\"y\\z","null":"null"}""", """{"né":"x\"y\\z","null":"null"}""")]
    [InlineData("""{"v":"application/vnd+json <&>","f":1.50e3,"t":true,"x":false}""", """{"v":"application/vnd+json <&>","f":1.50e3,"t":true,"x":false}""")]
    public void DropNulls_Document_RemovesNullMembersOnly(string input, string expected)
    {
        var output = Encoding.UTF8.GetString(CosmosJson.DropNulls(Encoding.UTF8.GetBytes(input)));

        Assert.Equal(expected, output);
    }

    [Fact]
    public void SerializeToUtf8Bytes_DictionaryWithNullValue_DropsIt()
    {
        var value = new Dictionary<string, object?> { ["kept"] = "a+b", ["gone"] = null };

        var json = Encoding.UTF8.GetString(CosmosJson.SerializeToUtf8Bytes(value));

        Assert.Equal("""{"kept":"a+b"}""", json);
    }
}
