using System.Text.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Errors;

namespace Universe.Cosmos.Tests.Rendering;

public sealed class PackageRendererErrorTests
{
    private const string StrictConfig = """
        {"type":"object","additionalProperties":false,"required":["name"],
         "properties":{"name":{"type":"string","default":"n"},"port":{"type":"integer","minimum":1,"maximum":65535},
                       "mode":{"type":"string","enum":["a","b"]},"sub":{"type":"object","properties":{"flag":{"type":"boolean"}}}}}
        """;

    private readonly PackageRenderer _renderer = new();

    [Fact]
    public void Render_ManyInvalidOptions_ReportsEveryError()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", StrictConfig);

        var error = Assert.IsType<JsonSchemaMismatch>(Catch(package, """{"port":0,"mode":"c","sub":{"flag":"yes"},"extra":1}"""));

        var byKeyword = error.Errors.ToDictionary(e => e["keyword"]!.GetValue<string>(), e => e["instance"]!["pointer"]!.GetValue<string>());
        Assert.Equal(4, error.Errors.Count);
        Assert.Equal("/port", byKeyword["minimum"]);
        Assert.Equal("/mode", byKeyword["enum"]);
        Assert.Equal("/sub/flag", byKeyword["type"]);
        Assert.Equal(string.Empty, byKeyword["additionalProperties"]);
        Assert.All(error.Errors, e =>
        {
            Assert.Equal("error", e["level"]!.GetValue<string>());
            Assert.Equal("validation", e["domain"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(e["message"]!.GetValue<string>()));
            Assert.NotNull(e["schema"]!["pointer"]);
        });
    }

    [Fact]
    public void Render_RequiredWithoutDefault_ReportsRequiredAtParent()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", """{"type":"object","required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"string","default":"d"}}}""");

        var error = Assert.IsType<JsonSchemaMismatch>(Catch(package, null));

        var single = Assert.Single(error.Errors);
        Assert.Equal("required", single["keyword"]!.GetValue<string>());
        Assert.Equal(string.Empty, single["instance"]!["pointer"]!.GetValue<string>());
        Assert.Equal("""["a"]""", single["missing"]!.ToJsonString());
    }

    [Fact]
    public void Render_RequiredMetByDefault_Succeeds()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"{{name}}"}""", StrictConfig);

        var result = _renderer.Render(package, null, null, RenderPackages.SourceUri);

        Assert.Equal("n", result.MarathonJson!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Render_ConfigWithoutDefaultsAndNoOptions_SkipsValidation()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", """{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}}""");

        var result = _renderer.Render(package, RenderPackages.Object("{}"), null, RenderPackages.SourceUri);

        Assert.Equal("{}", result.ResolvedOptions.ToJsonString());
    }

    [Fact]
    public void Render_OptionsWithoutConfig_ThrowsOptionsNotAllowed()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""");

        var error = Assert.IsType<OptionsNotAllowed>(Catch(package, """{"a":1}"""));

        Assert.Equal("No schema available to validate the provided options", error.Message);
        Assert.Equal("OptionsNotAllowed", error.Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    public void Render_NoConfigAndNoOptions_Succeeds(string? options)
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""");

        var result = _renderer.Render(package, options is null ? null : RenderPackages.Object(options), null, RenderPackages.SourceUri);

        Assert.Equal("x", result.MarathonJson!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"id": {{x}}}""")]
    [InlineData("""{"id": "a",}""")]
    [InlineData("")]
    [InlineData("""{"id": "a"} trailing""")]
    public void Render_TextIsNotJson_ThrowsJsonParsingErrorWithTheWholeText(string template)
    {
        var package = RenderPackages.Package("p", "1", template);

        var error = Assert.IsType<JsonParsingError>(Catch(package, null));

        Assert.Equal("Unable to parse the string as a JSON value", error.Message);
        Assert.Equal(template.Replace("{{x}}", string.Empty, StringComparison.Ordinal), error.ParsingInput);
        Assert.False(string.IsNullOrEmpty(error.ParsingErrorMessage));
        Assert.False(string.IsNullOrEmpty(error.UnderlyingType));
    }

    [Theory]
    [InlineData("""{"id": "{{> secrets}}"}""", "secrets")]
    [InlineData("""{"id": "a"{{>/etc/passwd}}}""", "/etc/passwd")]
    public void Render_TemplateWithPartial_ThrowsMustachePartialNotAllowed(string template, string name)
    {
        var package = RenderPackages.Package("p", "1", template);

        var error = Assert.IsType<MustachePartialNotAllowed>(Catch(package, null));

        Assert.Equal(name, error.PartialName);
        Assert.Contains("{{> " + name + "}}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Render_JsonButNotObject_ThrowsMarathonTemplateMustBeJsonObject(string template)
    {
        var package = RenderPackages.Package("p", "1", template);

        var error = Assert.IsType<MarathonTemplateMustBeJsonObject>(Catch(package, null));

        Assert.Equal("MarathonTemplateMustBeJsonObject$", error.Type);
        Assert.Equal("Rendered Marathon JSON must be a JSON object", error.Message);
    }

    [Theory]
    [InlineData("""{"labels":{"a":1}}""")]
    [InlineData("""{"labels":{"a":"ok","b":true}}""")]
    [InlineData("""{"labels":{"a":{"n":"x"}}}""")]
    [InlineData("""{"labels":{"a":null}}""")]
    [InlineData("""{"labels":["a"]}""")]
    public void Render_NonStringLabel_ThrowsJsonDecodingError(string template)
    {
        var package = RenderPackages.Package("p", "1", template);

        var error = Assert.IsType<JsonDecodingError>(Catch(package, null));

        Assert.Equal("Unable to decode the JSON value as a scala.collection.immutable.Map", error.Message);
        Assert.Equal("scala.collection.immutable.Map", error.TypeName);
    }

    [Fact]
    public void ErrorEnvelope_JsonSchemaMismatch_HasErrorsInData()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", StrictConfig);
        var error = Catch(package, """{"port":"x"}""");

        var response = CosmosErrorWriter.ToResponse(error);

        Assert.Equal("JsonSchemaMismatch", response.Type);
        Assert.Equal(JsonValueKind.Array, response.Data!.Value.GetProperty("errors").ValueKind);
        Assert.Equal("/port", response.Data!.Value.GetProperty("errors")[0].GetProperty("instance").GetProperty("pointer").GetString());
    }

    [Fact]
    public void ErrorEnvelope_MarathonTemplateMustBeJsonObject_HasDollarTypeAndNoData()
    {
        var response = CosmosErrorWriter.ToResponse(new MarathonTemplateMustBeJsonObject());

        Assert.Equal("MarathonTemplateMustBeJsonObject$", response.Type);
        Assert.Null(response.Data);
    }

    [Fact]
    public void ErrorEnvelope_JsonParsingError_CarriesCosmosDataKeys()
    {
        var response = CosmosErrorWriter.ToResponse(new JsonParsingError("t", "m", "input"));

        Assert.Equal("""{"underlyingType":"t","parsingErrorMessage":"m","parsingInput":"input"}""", response.Data!.Value.GetRawText());
    }

    [Fact]
    public void ErrorEnvelope_ServiceMarathonTemplateNotFound_HasCosmosMessage()
    {
        var response = CosmosErrorWriter.ToResponse(new ServiceMarathonTemplateNotFound("cli", "1.0"));

        Assert.Equal("Package: [cli] version: [1.0] does not have a Marathon template defined and can not be rendered", response.Message);
        Assert.Equal("""{"packageName":"cli","packageVersion":"1.0"}""", response.Data!.Value.GetRawText());
    }

    [Fact]
    public void Render_NoTemplate_ReturnsNullAppAndUnvalidatedOptions()
    {
        var package = RenderPackages.Package("cli", "1", null, StrictConfig);

        var result = _renderer.Render(package, RenderPackages.Object("""{"port":"bad"}"""), null, RenderPackages.SourceUri);

        Assert.Null(result.MarathonJson);
        Assert.Equal("""{"name":"n","port":"bad"}""", result.ResolvedOptions.ToJsonString());
    }

    [Fact]
    public void Render_ExternalSchemaReference_IsNotFetched()
    {
        var package = RenderPackages.Package("p", "1", """{"id":"x"}""", """{"type":"object","properties":{"a":{"$ref":"http://127.0.0.1:1/evil.json"}}}""");

        var error = Assert.IsType<JsonSchemaMismatch>(Catch(package, """{"a":1}"""));

        var single = Assert.Single(error.Errors);
        Assert.Equal("$schema", single["keyword"]!.GetValue<string>());
        Assert.Contains("evil.json", single["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private CosmosError Catch(Universe.Cosmos.Packages.PackageDefinition package, string? options) =>
        Assert.Throws<CosmosException>(() => _renderer.Render(package, options is null ? null : RenderPackages.Object(options), null, RenderPackages.SourceUri)).Error;
}
