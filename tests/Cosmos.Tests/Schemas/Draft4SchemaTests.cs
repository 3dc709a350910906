using System.Text.Json;
using Universe.Cosmos.Schemas;

namespace Universe.Cosmos.Tests.Schemas;

public sealed class Draft4SchemaTests
{
    [Theory]
    [InlineData("""{"type": "integer"}""", "1", true)]
    [InlineData("""{"type": "integer"}""", "1.0", false)]
    [InlineData("""{"type": "integer"}""", "1e2", false)]
    [InlineData("""{"type": "number"}""", "1", true)]
    [InlineData("""{"type": ["string", "null"]}""", "null", true)]
    [InlineData("""{"type": "boolean"}""", "\"true\"", false)]
    [InlineData("""{"enum": [1, "a", {"b": [true]}]}""", """{"b": [true]}""", true)]
    [InlineData("""{"enum": [1, "a"]}""", "2", false)]
    [InlineData("""{"pattern": "b+"}""", "\"abbbc\"", true)]
    [InlineData("""{"pattern": "^b+$"}""", "\"abbbc\"", false)]
    [InlineData("""{"minLength": 2, "maxLength": 3}""", "\"abcd\"", false)]
    [InlineData("""{"minimum": 1, "exclusiveMinimum": true}""", "1", false)]
    [InlineData("""{"maximum": 10}""", "10", true)]
    [InlineData("""{"multipleOf": 0.5}""", "2.5", true)]
    [InlineData("""{"multipleOf": 3}""", "7", false)]
    [InlineData("""{"required": ["a"], "properties": {"a": {"type": "string"}}}""", """{"a": 1}""", false)]
    [InlineData("""{"additionalProperties": false, "properties": {"a": {}}, "patternProperties": {"^x-": {}}}""", """{"a": 1, "x-y": 2}""", true)]
    [InlineData("""{"additionalProperties": false, "properties": {"a": {}}}""", """{"b": 1}""", false)]
    [InlineData("""{"additionalProperties": {"type": "integer"}}""", """{"b": "s"}""", false)]
    [InlineData("""{"items": [{"type": "string"}], "additionalItems": false}""", """["a", "b"]""", false)]
    [InlineData("""{"items": {"type": "string"}, "minItems": 1, "uniqueItems": true}""", """["a", "a"]""", false)]
    [InlineData("""{"dependencies": {"a": ["b"]}}""", """{"a": 1}""", false)]
    [InlineData("""{"dependencies": {"a": {"required": ["c"]}}}""", """{"a": 1, "c": 2}""", true)]
    [InlineData("""{"oneOf": [{"type": "integer"}, {"type": "number"}]}""", "1", false)]
    [InlineData("""{"anyOf": [{"type": "integer"}, {"type": "string"}]}""", "true", false)]
    [InlineData("""{"allOf": [{"minimum": 1}, {"maximum": 2}]}""", "3", false)]
    [InlineData("""{"not": {"type": "null"}}""", "null", false)]
    [InlineData("""{"format": "uri"}""", "\"not a uri\"", true)]
    [InlineData("""{"definitions": {"p": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/p"}}}""", """{"a": 1}""", false)]
    [InlineData("""{"properties": {"child": {"$ref": "#"}}, "required": ["n"]}""", """{"n": 1, "child": {"child": {}}}""", false)]
    public void Validate_Draft4Keywords_LikePythonJsonschema(string schema, string instance, bool valid)
    {
        var compiled = Draft4Schema.Parse(schema);
        using var document = JsonDocument.Parse(instance);

        Assert.Equal(valid, compiled.IsValid(document.RootElement));
        Assert.Equal(valid, compiled.Validate(document.RootElement).Count == 0);
    }

    [Fact]
    public void Validate_Errors_NameKeywordAndInstancePointer()
    {
        var schema = Draft4Schema.Parse("""{"properties": {"a": {"items": {"type": "string"}}}, "required": ["b"]}""");
        using var document = JsonDocument.Parse("""{"a": ["x", 2]}""");

        var errors = schema.Validate(document.RootElement);

        Assert.Equal(["type at '/a/1'", "required at ''"], errors.Select(e => $"{e.Keyword} at '{e.InstancePointer}'"));
    }

    [Fact]
    public void Validate_ManyThreadsOnOneSchemaWithReferences_AgreeEveryTime()
    {
        var schema = Draft4Schema.Parse("""
            {"definitions": {"v3": {"properties": {"v": {"enum": ["3"]}}, "required": ["v"]},
                             "v4": {"properties": {"v": {"enum": ["4"]}}, "required": ["v"]}},
             "oneOf": [{"$ref": "#/definitions/v3"}, {"$ref": "#/definitions/v4"}]}
            """);
        using var document = JsonDocument.Parse("""{"v": "4"}""");
        var element = document.RootElement;

        var results = new bool[2000];
        Parallel.For(0, results.Length, i => results[i] = schema.IsValid(element));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Parse_ReferenceOutsideTheDocumentOrBadPattern_Refused()
    {
        Assert.Throws<FormatException>(() => Draft4Schema.Parse("""{"$ref": "http://example.com/schema.json"}"""));
        Assert.Throws<FormatException>(() => Draft4Schema.Parse("""{"$ref": "#/definitions/missing"}"""));
        Assert.Throws<FormatException>(() => Draft4Schema.Parse("""{"pattern": "("}"""));
    }

    [Fact]
    public void Parse_ReportsKeywordsItDoesNotAssert()
    {
        var schema = Draft4Schema.Parse("""{"properties": {"a": {"format": "uri", "required": true}, "b": {"$ref": "#"}}}""");

        Assert.True(schema.UsesFormat);
        Assert.True(schema.UsesDraft3Required);
        Assert.True(schema.UsesReferences);
    }
}
