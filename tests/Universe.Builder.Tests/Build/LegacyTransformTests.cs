using System.Text.Json.Nodes;
using Universe.Builder.Build;

namespace Universe.Builder.Tests.Build;

public sealed class LegacyTransformTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("\"leading", "\"leading")]
    [InlineData("already \\\"escaped\\\"", "already \\\"escaped\\\"")]
    [InlineData("a\"\"b", "a\\\"\"b")]
    [InlineData("[[\"hostname\", \"UNIQUE\"]]", "[[\\\"hostname\\\", \\\"UNIQUE\\\"]]")]
    public void Escape_InsertsABackslashBeforeEveryQuoteNotAlreadyEscaped(string input, string expected)
    {
        Assert.Equal(expected, LegacyTransform.Escape(input));
    }

    [Fact]
    public void Apply_V4Package_DowngradesAndEscapesNestedDescriptionsAndStringDefaults()
    {
        var entry = JsonNode.Parse("""
            {"packagingVersion":"4.0","name":"p","upgradesFrom":["*"],"downgradesTo":["*"],"manager":{"packageName":"m"},
             "config":{"properties":{"service":{"type":"object","description":"the \"svc\"","properties":{
                "constraints":{"type":"string","default":"[[\"a\"]]","description":"x"},
                "count":{"type":"integer","default":1,"description":"n \"y\""}}},
                "arr":{"type":"array","default":["\"q\""]}}}}
            """)!.AsObject();

        var legacy = LegacyTransform.Apply(entry);

        Assert.Equal("3.0", (string?)legacy["packagingVersion"]);
        Assert.False(legacy.ContainsKey("upgradesFrom"));
        Assert.False(legacy.ContainsKey("downgradesTo"));
        Assert.True(legacy.ContainsKey("manager"));
        var service = legacy["config"]!["properties"]!["service"]!;
        Assert.Equal("the \\\"svc\\\"", (string?)service["description"]);
        Assert.Equal("[[\\\"a\\\"]]", (string?)service["properties"]!["constraints"]!["default"]);
        Assert.Equal("n \\\"y\\\"", (string?)service["properties"]!["count"]!["description"]);
        Assert.Equal("\"q\"", (string?)legacy["config"]!["properties"]!["arr"]!["default"]![0]);
        Assert.Equal("4.0", (string?)entry["packagingVersion"]);
        Assert.Equal("the \"svc\"", (string?)entry["config"]!["properties"]!["service"]!["description"]);
    }

    [Theory]
    [InlineData("""{"packagingVersion":"3.0","config":{"properties":{"a":{"type":"string","default":"x"}}}}""", false)]
    [InlineData("""{"packagingVersion":"2.0"}""", false)]
    [InlineData("""{"packagingVersion":"4.0"}""", true)]
    [InlineData("""{"name":"no-packaging-version"}""", true)]
    [InlineData("""{"packagingVersion":"3.0","config":{"properties":{"a":{"type":"string","default":"say \"x\""}}}}""", true)]
    public void Changes_TellsWhetherApplyDiffers(string json, bool expected)
    {
        var entry = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(expected, LegacyTransform.Changes(entry));
        Assert.Equal(expected, !JsonNode.DeepEquals(entry, LegacyTransform.Apply(entry)));
    }
}
