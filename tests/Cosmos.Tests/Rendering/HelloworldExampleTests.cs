using Universe.Cosmos.Errors;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Rendering.Marathon;

namespace Universe.Cosmos.Tests.Rendering;

/// <summary>cosmos-api.md §4.6, the worked example.</summary>
public sealed class HelloworldExampleTests
{
    private readonly PackageRenderer _renderer = new();

    [Fact]
    public void Render_HelloworldWithPort9999_IsByteExact()
    {
        var package = RenderPackages.Helloworld();

        var result = _renderer.Render(package, RenderPackages.Object("""{"port":9999}"""), null, RenderPackages.SourceUri);

        var definition = MarathonDecorator.Decorate(RenderPackages.Object("{}"), package, null, null, "x")["labels"]![MarathonDecorator.PackageDefinitionLabelName]!.GetValue<string>();
        var expected =
            """{"id":"helloworld","cpus":1.0,"mem":512,"instances":1,"cmd":"python3 -m http.server 9999","container":{"type":"DOCKER","docker":{"image":"python:3","network":"HOST"}},"labels":{"DCOS_PACKAGE_NAME":"helloworld","DCOS_PACKAGE_VERSION":"0.1.0","DCOS_PACKAGE_SOURCE":"https://universe.example.com/repo","DCOS_PACKAGE_OPTIONS":"eyJwb3J0Ijo5OTk5fQ==","DCOS_PACKAGE_DEFINITION":"""
            + "\"" + definition + "\"}}";
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(CompactJson.ToUtf8(result.MarathonJson, dropNulls: false)));
        Assert.Equal("""{"name":"helloworld","port":9999}""", result.ResolvedOptions.ToJsonString());
    }

    [Fact]
    public void Render_HelloworldDefinitionLabel_DecodesToV2EnvelopeWithThePackage()
    {
        var package = RenderPackages.Helloworld();

        var result = _renderer.Render(package, RenderPackages.Object("""{"port":9999}"""), null, RenderPackages.SourceUri);

        var label = result.MarathonJson!["labels"]![MarathonDecorator.PackageDefinitionLabelName]!.GetValue<string>();
        var (envelope, packageJson) = LabelDecoding.Definition(label);
        Assert.StartsWith(
            """{"metadata":{"Content-Type":"application/vnd.dcos.universe.package+json;charset=utf-8;version=v2","Content-Encoding":"gzip"},"data":""",
            LabelDecoding.Base64Text(label), StringComparison.Ordinal);
        Assert.Equal(2, envelope.Count);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(CompactJson.ToUtf8(package.Json, dropNulls: true)), packageJson);
    }

    [Fact]
    public void Render_HelloworldWithStringPort_ThrowsJsonSchemaMismatch()
    {
        var package = RenderPackages.Helloworld();

        var error = Assert.Throws<CosmosException>(() => _renderer.Render(package, RenderPackages.Object("""{"port":"9999"}"""), null, RenderPackages.SourceUri)).Error;

        var mismatch = Assert.IsType<JsonSchemaMismatch>(error);
        Assert.Equal("Options JSON failed validation", mismatch.Message);
        var single = Assert.Single(mismatch.Errors);
        Assert.Equal("type", single["keyword"]!.GetValue<string>());
        Assert.Equal("/port", single["instance"]!["pointer"]!.GetValue<string>());
        Assert.Equal("/properties/port", single["schema"]!["pointer"]!.GetValue<string>());
        Assert.Equal("string", single["found"]!.GetValue<string>());
        Assert.Equal("""["integer"]""", single["expected"]!.ToJsonString());
        Assert.Equal("""instance type (string) does not match any allowed primitive type (allowed: ["integer"])""", single["message"]!.GetValue<string>());
    }
}
