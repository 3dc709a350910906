using System.Text;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Marathon;

namespace Universe.Cosmos.Tests.Rendering;

public sealed class MarathonDecoratorTests
{
    private readonly PackageRenderer _renderer = new();

    [Theory]
    [InlineData("foo", "/foo")]
    [InlineData("/foo", "/foo")]
    [InlineData("/group/app", "/group/app")]
    public void Render_AppId_OverridesTemplateIdWithLeadingSlash(string appId, string expected)
    {
        var package = RenderPackages.Package("p", "1", """{"cpus":1,"id":"/template","mem":2}""");

        var app = _renderer.Render(package, null, appId, RenderPackages.SourceUri).MarathonJson!;

        Assert.Equal($$"""{"cpus":1,"id":"{{expected}}","mem":2}""", Without(app, "labels"));
    }

    [Fact]
    public void Render_NoAppId_KeepsTemplateId()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"/template"}""");

        var app = _renderer.Render(package, null, null, RenderPackages.SourceUri).MarathonJson!;

        Assert.Equal("/template", app["id"]!.GetValue<string>());
    }

    [Fact]
    public void Render_TemplateLabels_AreKeptAndCosmosLabelsOverrideAndFollow()
    {
        var package = RenderPackages.Package("p", "2.0", """{"id":"x","labels":{"A":"a","DCOS_PACKAGE_NAME":"fake","DCOS_PACKAGE_FRAMEWORK_NAME":"fw"},"mem":1}""");

        var app = _renderer.Render(package, null, null, RenderPackages.SourceUri).MarathonJson!;

        var labels = app["labels"]!.AsObject();
        Assert.Equal(
            ["A", "DCOS_PACKAGE_NAME", "DCOS_PACKAGE_FRAMEWORK_NAME", "DCOS_PACKAGE_VERSION", "DCOS_PACKAGE_SOURCE", "DCOS_PACKAGE_OPTIONS", "DCOS_PACKAGE_DEFINITION"],
            labels.Select(l => l.Key).ToArray());
        Assert.Equal("p", labels["DCOS_PACKAGE_NAME"]!.GetValue<string>());
        Assert.Equal("fw", labels["DCOS_PACKAGE_FRAMEWORK_NAME"]!.GetValue<string>());
        Assert.Equal("2.0", labels["DCOS_PACKAGE_VERSION"]!.GetValue<string>());
        Assert.Equal(RenderPackages.SourceUri, labels["DCOS_PACKAGE_SOURCE"]!.GetValue<string>());
        Assert.Equal(["id", "labels", "mem"], app.Select(p => p.Key).ToArray());
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","labels":null}""")]
    [InlineData("""{"id":"x","labels":{}}""")]
    public void Render_NoTemplateLabels_AddsExactlyTheFiveCosmosLabels(string template)
    {
        var package = RenderPackages.Package("p", "1", template);

        var app = _renderer.Render(package, null, null, RenderPackages.SourceUri).MarathonJson!;

        Assert.Equal(
            ["DCOS_PACKAGE_NAME", "DCOS_PACKAGE_VERSION", "DCOS_PACKAGE_SOURCE", "DCOS_PACKAGE_OPTIONS", "DCOS_PACKAGE_DEFINITION"],
            app["labels"]!.AsObject().Select(l => l.Key).ToArray());
    }

    [Theory]
    [InlineData(null, "e30=", "{}")]
    [InlineData("{}", "e30=", "{}")]
    [InlineData("""{"port":9999}""", "eyJwb3J0Ijo5OTk5fQ==", """{"port":9999}""")]
    [InlineData("""{"port":8888}""", null, """{"port":8888}""")]
    [InlineData("""{"a":null,"b":{"c":null,"d":[1,null]}}""", null, """{"b":{"d":[1,null]}}""")]
    [InlineData("""{"s":"ÿ<&>"}""", null, """{"s":"ÿ<&>"}""")]
    public void EncodeOptions_UserOptions_Base64OfCompactJsonWithoutNulls(string? options, string? base64, string decoded)
    {
        var label = MarathonDecorator.EncodeOptions(options is null ? null : RenderPackages.Object(options));

        if (base64 is not null)
        {
            Assert.Equal(base64, label);
        }

        Assert.Equal(decoded, LabelDecoding.Base64Text(label));
    }

    [Fact]
    public void Render_OptionsLabel_HoldsUserOptionsNotDefaults()
    {
        var package = RenderPackages.Helloworld();

        var app = _renderer.Render(package, RenderPackages.Object("""{"port":8888}"""), null, RenderPackages.SourceUri).MarathonJson!;

        Assert.Equal("""{"port":8888}""", LabelDecoding.Base64Text(app["labels"]!["DCOS_PACKAGE_OPTIONS"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2.0", "v2")]
    [InlineData("3.0", "v3")]
    [InlineData("4.0", "v4")]
    [InlineData("5.0", "v5")]
    public void DefinitionLabel_PackagingVersion_SelectsEnvelopeMediaType(string packagingVersion, string mediaVersion)
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", packagingVersion: packagingVersion);

        var (envelope, _) = LabelDecoding.Definition(PackageDefinitionLabel.Encode(package));

        Assert.Equal($"application/vnd.dcos.universe.package+json;charset=utf-8;version={mediaVersion}", envelope["metadata"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal("gzip", envelope["metadata"]!["Content-Encoding"]!.GetValue<string>());
    }

    [Fact]
    public void DefinitionLabel_Package_DropsUnknownFieldsAndNulls()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", packagingVersion: "4.0",
            extra: """{"unknownField":1,"scm":null,"command":{"pip":["x"]},"upgradesFrom":["*"],"website":"https://w"}""");

        var (_, json) = LabelDecoding.Definition(PackageDefinitionLabel.Encode(package));

        Assert.DoesNotContain("unknownField", json, StringComparison.Ordinal);
        Assert.DoesNotContain("scm", json, StringComparison.Ordinal);
        Assert.DoesNotContain("command", json, StringComparison.Ordinal);
        Assert.Contains("\"upgradesFrom\":[\"*\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"website\":\"https://w\"", json, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"id":"x"}""")), json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"a","id":"b"}""", """{"id":"b"}""")]
    [InlineData("""{"a":{"x":1},"a":{"y":2}}""", """{"a":{"y":2}}""")]
    [InlineData("""{"a":[{"x":1,"y":0,"x":2}]}""", """{"a":[{"x":2,"y":0}]}""")]
    [InlineData("""{"a":[[{"b":[{"c":{"d":1,"d":2}}]}]]}""", """{"a":[[{"b":[{"c":{"d":2}}]}]]}""")]
    [InlineData("""{"a":[[{"b":[{"c":{"d":1,"e":2}}]}]],"f":{"g":{"h":[1]}}}""", """{"a":[[{"b":[{"c":{"d":1,"e":2}}]}]],"f":{"g":{"h":[1]}}}""")]
    [InlineData("""{"\u0061":1,"a":2}""", """{"a":2}""")]
    [InlineData("""{"cpus":1.0,"mem":1e3,"disk":0.50}""", """{"cpus":1.0,"mem":1e3,"disk":0.50}""")]
    [InlineData("""{"env":{"A":"ÿ\u00e9"}}""", """{"env":{"A":"ÿé"}}""")]
    public void ParseObject_RenderedText_LastDuplicateWinsAndNumbersKeepTheirForm(string text, string expected)
    {
        var app = RenderedJson.ParseObject(text);

        Assert.Equal(expected, Encoding.UTF8.GetString(CompactJson.ToUtf8(app, dropNulls: false)));
    }

    [Fact]
    public void Render_2dFloatArraySection_RepeatedKeysResolveToTheLast()
    {
        var package = RenderPackages.Package("p", "1",
            """{"id":"x",{{#list}}"last":{{.}},{{/list}}"n":1}""",
            """{"type":"object","properties":{"list":{"type":"array","default":[[1.5,2.5],[3.5,4.5]]}}}""");

        var app = _renderer.Render(package, null, null, RenderPackages.SourceUri).MarathonJson!;

        Assert.Equal("[3.5,4.5]", app["last"]!.ToJsonString());
    }

    [Fact]
    public void Render_ScopeHasResourceOverUserOption()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x","uri":"{{resource.assets.uris.jar}}"}""",
            """{"type":"object","properties":{"resource":{"type":"object"}}}""",
            """{"assets":{"uris":{"jar":"https://example.com/a.jar"}}}""");

        var app = _renderer.Render(package, RenderPackages.Object("""{"resource":{"assets":{"uris":{"jar":"evil"}}}}"""), null, RenderPackages.SourceUri).MarathonJson!;

        Assert.Equal("https://example.com/a.jar", app["uri"]!.GetValue<string>());
    }

    private static string Without(System.Text.Json.Nodes.JsonObject app, string key)
    {
        var copy = app.DeepClone().AsObject();
        copy.Remove(key);
        return copy.ToJsonString();
    }
}
