using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Mustache;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Rendering;

/// <summary>
/// <see cref="MustacheShape"/> may only say "parses" where Stubble's parser (what <see cref="MustacheRenderer.TryParse"/>
/// runs) parses too; it may send anything to the parser. Checked on crafted templates, on thousands of random ones built
/// from plain and awkward fragments, and on every upstream template.
/// </summary>
public sealed class MustacheShapeTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{\"id\": \"{{service.name}}\", \"cpus\": {{service.cpus}}}")]
    [InlineData("{{#a}}x{{/a}}{{^a}}y{{/a}}")]
    [InlineData("{{#a.b}}{{#c}}{{{d}}}{{&e}}{{/c}}{{/a.b}}")]
    [InlineData("{{! a comment }}{{.}}")]
    [InlineData("{{#resource.assets.uris.jre-tar-gz}}\"{{resource.assets.uris.jre-tar-gz}}\"{{/resource.assets.uris.jre-tar-gz}}")]
    public void IsPlain_CommonShapes_AreRecognisedAndParse(string template)
    {
        Assert.True(MustacheShape.IsPlain(template));
        Assert.True(MustacheRenderer.TryParse(template, out var error), error);
    }

    [Theory]
    [InlineData("{{#a}}x")]
    [InlineData("{{#a}}x{{/b}}")]
    [InlineData("x{{/a}}")]
    [InlineData("{{#a}}{{#b}}{{/a}}{{/b}}")]
    [InlineData("{{> partial}}")]
    [InlineData("{{=<% %>=}}<% a %>")]
    [InlineData("{{ a }}")]
    [InlineData("{{#a }}x{{/a}}")]
    [InlineData("{{}}")]
    [InlineData("{{a")]
    [InlineData("{{{a}}")]
    [InlineData("{{a..b}}")]
    [InlineData("{{a.}}")]
    [InlineData("{{1a}}")]
    [InlineData("{{!{{x}} }}")]
    public void IsPlain_AnythingElse_IsLeftToTheParser(string template)
    {
        Assert.False(MustacheShape.IsPlain(template));
    }

    [Fact]
    public void TryCheckSyntax_GivesTheParsersVerdictAndReason()
    {
        foreach (var template in new[] { "{{#a}}x", "{{#a}}x{{/b}}", "x{{/a}}", "{{> partial}}", "{{a}}", "{{ a }}" })
        {
            var expected = MustacheRenderer.TryParse(template, out var expectedError);
            Assert.Equal(expected, MustacheRenderer.TryCheckSyntax(template, out var error));
            Assert.Equal(expectedError, error);
        }
    }

    [Fact]
    public void IsPlain_OnRandomTemplates_NeverDisagreesWithStubble()
    {
        string[] fragments =
        [
            "{{a}}", "{{b.c}}", "{{{a}}}", "{{&b}}", "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{#a.b}}", "{{/a.b}}",
            "{{!x}}", "{{.}}", "{{ a }}", "{{#a }}", "{{/ a}}", "{{>p}}", "{{=<% %>=}}", "<% a %>", "{{", "}}", "}}}", "{",
            "}", "{{{", "\n", "  ", "\"x\": ", "{{a-b}}", "{{_x}}", "{{a..b}}", "{{#}}", "{{/}}", "{{^}}", "{{!}}", "{{&}}",
            "text", "{{#a}}\n", "\n{{/a}}\n", "{{{a}}}}", "{{a}}}", "{{!{{a}}}}", "{{{{a}}}}",
        ];
        var random = new Random(20261206);
        var plain = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var count = random.Next(1, 12);
            var template = string.Concat(Enumerable.Range(0, count).Select(_ => fragments[random.Next(fragments.Length)]));
            if (MustacheShape.IsPlain(template))
            {
                plain++;
                Assert.True(MustacheRenderer.TryParse(template, out var error), $"plain but Stubble refuses [{template}]: {error}");
            }
        }

        // The generator must exercise the plain path a good deal, or the test proves nothing.
        Assert.True(plain > 1_000, $"only {plain} plain templates generated");
    }

    [UpstreamFact]
    public void IsPlain_OnEveryUpstreamTemplate_AgreesWithStubble()
    {
        var templates = UniverseTreeReader.Read(UpstreamUniverse.PackagesPath).Packages
            .Select(p => p.MarathonTemplate).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var plain = 0;
        foreach (var template in templates)
        {
            if (MustacheShape.IsPlain(template))
            {
                plain++;
                Assert.True(MustacheRenderer.TryParse(template, out var error), error);
            }
        }

        Assert.True(plain * 10 >= templates.Count * 9, $"only {plain} of {templates.Count} upstream templates have the plain shape");
    }
}
