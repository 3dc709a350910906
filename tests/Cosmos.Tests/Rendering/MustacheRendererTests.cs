using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Rendering.Mustache;

namespace Universe.Cosmos.Tests.Rendering;

public sealed class MustacheRendererTests
{
    [Theory]
    [InlineData("{{x}}", """{"x":"foo\"bar"}""", """foo\"bar""")]
    [InlineData("{{x}}", """{"x":"a\nb\tc\\d"}""", """a\nb\tc\\d""")]
    [InlineData("{{x}}", """{"x":"\u0001"}""", """\u0001""")]
    [InlineData("{{x}}", """{"x":"<a>Foo&Bar Inc.</a>"}""", "<a>Foo&Bar Inc.</a>")]
    [InlineData("{{{x}}}", """{"x":"<a>&\"</a>"}""", """<a>&\"</a>""")]
    [InlineData("{{&x}}", """{"x":"<&>"}""", "<&>")]
    [InlineData("{{x}}", """{"x":"ÿöłø"}""", "ÿöłø")]
    [InlineData("\"{{x}}\"", """{"x":""}""", "\"\"")]
    public void Render_String_IsJsonEscapedWithoutQuotesAndNotHtmlEscaped(string template, string options, string expected)
    {
        Assert.Equal(expected, Render(template, options));
    }

    [Theory]
    [InlineData("""{"x":1}""", "1")]
    [InlineData("""{"x":1.0}""", "1")]
    [InlineData("""{"x":-3}""", "-3")]
    [InlineData("""{"x":4200000000000000000}""", "4200000000000000000")]
    [InlineData("""{"x":123456789012345678901234567890}""", "123456789012345678901234567890")]
    [InlineData("""{"x":1e20}""", "100000000000000000000")]
    [InlineData("""{"x":1.5e1}""", "15")]
    [InlineData("""{"x":0}""", "0")]
    [InlineData("""{"x":42.1}""", "42.1")]
    [InlineData("""{"x":0.5}""", "0.5")]
    [InlineData("""{"x":-2.25}""", "-2.25")]
    [InlineData("""{"x":0.001}""", "0.001")]
    [InlineData("""{"x":0.0001}""", "1.0E-4")]
    [InlineData("""{"x":1.5e-5}""", "1.5E-5")]
    [InlineData("""{"x":12345678.9}""", "1.23456789E7")]
    [InlineData("""{"x":1234567.5}""", "1234567.5")]
    public void Render_Number_PrintsLikeBigIntegerOrJavaDouble(string options, string expected)
    {
        Assert.Equal(expected, Render("{{x}}", options));
    }

    [Theory]
    [InlineData("""{"x":true}""", "true")]
    [InlineData("""{"x":false}""", "false")]
    [InlineData("""{"x":null}""", "")]
    [InlineData("""{}""", "")]
    public void Render_BooleanNullOrMissing_PrintsJavaForm(string options, string expected)
    {
        Assert.Equal(expected, Render("{{x}}", options));
    }

    [Theory]
    [InlineData("""{"a":[1,2,3]}""", "[1, 2, 3]")]
    [InlineData("""{"a":["one","two"]}""", """["one", "two"]""")]
    [InlineData("""{"a":[[1,2],[3,4]]}""", "[[1, 2], [3, 4]]")]
    [InlineData("""{"a":["q\"t"]}""", """["q\"t"]""")]
    [InlineData("""{"a":[]}""", "[]")]
    [InlineData("""{"a":[null,true,1.5]}""", "[null, true, 1.5]")]
    [InlineData("""{"a":[{"k":"v"}]}""", "[{k=v}]")]
    [InlineData("""{"o":{"a":1,"b":"c"}}""", "{a=1, b=c}")]
    public void Render_ArrayOrObject_PrintsJavaToString(string options, string expected)
    {
        var template = options.Contains("\"o\"", StringComparison.Ordinal) ? "{{o}}" : "{{a}}";

        Assert.Equal(expected, Render(template, options));
    }

    [Theory]
    [InlineData("{{#l}}{{.}},{{/l}}", """{"l":["a","b"]}""", "\"a\",\"b\",")]
    [InlineData("[{{#l}}\"{{.}}\",{{/l}}]", """{"l":["a"]}""", "[\"\"a\"\",]")]
    [InlineData("{{#l}}{{.}};{{/l}}", """{"l":[1,2.5]}""", "1;2.5;")]
    [InlineData("{{#l}}{{n}};{{/l}}", """{"l":[{"n":"x\"y"},{"n":"z"}]}""", "x\\\"y;z;")]
    [InlineData("{{#l}}{{.}}{{/l}}", """{"l":[[1,2]]}""", "[1, 2]")]
    public void Render_Section_IteratesListsAndKeepsQuotesOfDirectStringElements(string template, string options, string expected)
    {
        Assert.Equal(expected, Render(template, options));
    }

    [Theory]
    [InlineData("""{"x":null}""", "F")]
    [InlineData("""{}""", "F")]
    [InlineData("""{"x":false}""", "F")]
    [InlineData("""{"x":""}""", "F")]
    [InlineData("""{"x":[]}""", "F")]
    [InlineData("""{"x":true}""", "T")]
    [InlineData("""{"x":0}""", "T")]
    [InlineData("""{"x":0.0}""", "T")]
    [InlineData("""{"x":"false"}""", "T")]
    [InlineData("""{"x":"0"}""", "T")]
    [InlineData("""{"x":" "}""", "T")]
    [InlineData("""{"x":{}}""", "T")]
    [InlineData("""{"x":[false]}""", "T")]
    public void Render_SectionAndInvertedSection_UseJavaTruthiness(string options, string expected)
    {
        Assert.Equal(expected, Render("{{#x}}T{{/x}}{{^x}}F{{/x}}", options));
    }

    [Theory]
    [InlineData("{{service.name}}", """{"service":{"name":"n"}}""", "n")]
    [InlineData("{{service.zk-hosts}}", """{"service":{"zk-hosts":"h:1"}}""", "h:1")]
    [InlineData("{{a.b.c}}", """{"a":{"b":{"c":3}}}""", "3")]
    [InlineData("{{service.missing}}", """{"service":{"name":"n"}}""", "")]
    [InlineData("{{nothing.here}}", """{}""", "")]
    [InlineData("{{#service}}{{name}}-{{top}}{{/service}}", """{"service":{"name":"n"},"top":"t"}""", "n-t")]
    [InlineData("{{#service}}{{top}}{{/service}}", """{"service":{"top":null},"top":"t"}""", "")]
    [InlineData("{{o.Count}}{{o.Keys}}{{s.Length}}", """{"o":{"a":1},"s":"abc"}""", "")]
    public void Render_Names_WalkNestedObjectsOnly(string template, string options, string expected)
    {
        Assert.Equal(expected, Render(template, options));
    }

    [Theory]
    [InlineData("{{#asJson}}j{{/asJson}}", """{"j":"[\"a\", 1]"}""", """["a", 1]""")]
    [InlineData("{{#asJson}}j{{/asJson}}", """{"j":"{\"k\": {\"n\": 2}}"}""", """{"k": {"n": 2}}""")]
    [InlineData("{{#asJson}}missing{{/asJson}}", """{}""", "null")]
    [InlineData("{{#asJson}}n{{/asJson}}", """{"n":5}""", "null")]
    [InlineData("{{#asJson}}o{{/asJson}}", """{"o":{"a":"b"}}""", "null")]
    [InlineData("{{#asJson}} j{{/asJson}}", """{"j":"1"}""", "null")]
    [InlineData("{{#asJson}}s.t{{/asJson}}", """{"s":{"t":"1"}}""", "null")]
    [InlineData("{{#asJson}}j{{/asJson}}", """{"j":"{{k}}","k":"v"}""", "v")]
    [InlineData("{{#asJson}}j{{/asJson}}", """{"asJson":"user","j":"true"}""", "true")]
    public void Render_AsJson_EmitsRawTopLevelStringOptionOrNull(string template, string options, string expected)
    {
        Assert.Equal(expected, Render(template, options));
    }

    [Fact]
    public void Render_Partial_IsRefusedWithoutReadingAFile()
    {
        var error = Assert.Throws<CosmosException>(() => Render("a{{> /etc/passwd}}b", "{}"));

        Assert.Equal("/etc/passwd", Assert.IsType<MustachePartialNotAllowed>(error.Error).PartialName);
    }

    [Fact]
    public void Render_DelimiterChange_IsSupported()
    {
        Assert.Equal("v", Render("{{=<% %>=}}<%x%>", """{"x":"v"}"""));
    }

    [Theory]
    [InlineData("""{"resource":{"a":"user","b":"u"}}""", """{"a":"pkg"}""", "pkg-u")]
    [InlineData("""{"resource":"user"}""", """{"a":"pkg"}""", "pkg-")]
    [InlineData("""{"resource":{"a":"user"}}""", null, "user-")]
    public void Render_Resource_WinsOverOptionNamedResource(string options, string? resource, string expected)
    {
        var result = MustacheRenderer.Render(
            "{{resource.a}}-{{resource.b}}",
            JsonNode.Parse(options)!.AsObject(),
            resource is null ? null : JsonNode.Parse(resource)!.AsObject());

        Assert.Equal(expected, result);
    }

    private static string Render(string template, string options) =>
        MustacheRenderer.Render(template, JsonNode.Parse(options)!.AsObject(), null);
}
