using System.Text.Json.Nodes;
using Universe.Cosmos.Rendering.Options;

namespace Universe.Cosmos.Tests.Rendering;

public sealed class OptionsMergeTests
{
    [Theory]
    [InlineData(
        """{"properties":{"prop1":{"type":"integer","default":57},"prop2":{"type":"object","properties":{"sub1":{"type":"string","default":"ta-da"}}}}}""",
        """{"prop1":57,"prop2":{"sub1":"ta-da"}}""")]
    [InlineData("""{"properties":{"a":{"type":"object","properties":{"b":{"type":"string"}}}}}""", "{}")]
    [InlineData("""{"properties":{"a":{"type":"object","properties":{"b":{"type":"object","properties":{}}}}}}""", "{}")]
    [InlineData("""{"properties":{"a":{"default":null}}}""", """{"a":null}""")]
    [InlineData("""{"properties":{"a":{"type":"object","default":{"x":1},"properties":{"x":{"default":2}}}}}""", """{"a":{"x":1}}""")]
    [InlineData("""{"properties":{"a":{"type":"array","default":[1],"items":{"default":5}}}}""", """{"a":[1]}""")]
    [InlineData("""{"properties":{"a":{"type":"array","items":{"type":"object","properties":{"b":{"default":5}}}}}}""", "{}")]
    [InlineData("""{"properties":{"a":{"$ref":"#/definitions/d"}},"definitions":{"d":{"default":1}}}""", "{}")]
    [InlineData("""{"properties":{"a":{"allOf":[{"default":1}],"oneOf":[{"default":2}]}}}""", "{}")]
    [InlineData("""{"type":"object"}""", "{}")]
    [InlineData("""{"properties":{"a":{"default":"x"},"b":true}}""", """{"a":"x"}""")]
    public void Extract_Config_TakesDefaultsAsCosmosDoes(string config, string expected)
    {
        var defaults = OptionDefaults.Extract(JsonNode.Parse(config)!.AsObject());

        Assert.Equal(expected, defaults.ToJsonString());
    }

    [Fact]
    public void Extract_NoConfig_IsEmpty()
    {
        Assert.Equal("{}", OptionDefaults.Extract(null).ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":{"a":false}}""", """{"a":{}}""", """{"a":{"a":false}}""")]
    [InlineData("""{"a":{"a":false}}""", """{"a":{"b":false}}""", """{"a":{"a":false,"b":false}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":1}""", """{"a":null}""", """{"a":null}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":2}""", """{"a":2}""")]
    [InlineData("""{"a":2}""", """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":1,"b":2}""", """{"c":3,"a":4}""", """{"a":4,"b":2,"c":3}""")]
    [InlineData("""{"a":{"x":{"y":1,"z":2}}}""", """{"a":{"x":{"z":3}}}""", """{"a":{"x":{"y":1,"z":3}}}""")]
    [InlineData("{}", """{"n":null}""", """{"n":null}""")]
    public void DeepMerge_UserOverDefaults_MergesObjectsAndReplacesTheRest(string defaults, string user, string expected)
    {
        var merged = JsonMerge.DeepMerge(JsonNode.Parse(defaults)!.AsObject(), JsonNode.Parse(user)!.AsObject());

        Assert.Equal(expected, merged.ToJsonString());
    }

    [Fact]
    public void DeepMerge_Inputs_AreNotModified()
    {
        var left = JsonNode.Parse("""{"a":{"b":1}}""")!.AsObject();
        var right = JsonNode.Parse("""{"a":{"c":2}}""")!.AsObject();

        _ = JsonMerge.DeepMerge(left, right);

        Assert.Equal("""{"a":{"b":1}}""", left.ToJsonString());
        Assert.Equal("""{"a":{"c":2}}""", right.ToJsonString());
    }
}
