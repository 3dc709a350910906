using System.Text.Json.Nodes;

using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Rendering.Mustache;
using Universe.Cosmos.Rendering.Options;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Rendering;

/// <summary>Renders every upstream revision that has a template, with its defaults, and summarises the outcome.</summary>
internal static class UpstreamRenderCorpus
{
    public const string SourceUri = "https://universe.mesosphere.com/repo";

    public static JsonObject Run()
    {
        var loaded = UniverseTreeReader.Read(UpstreamUniverse.PackagesPath);
        var marathonSchema = OptionsValidator.ParseSchema(File.ReadAllText(MarathonSchemaPath()));
        var renderer = new PackageRenderer();
        var withTemplate = loaded.Packages.Where(p => p.MarathonTemplate is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion).ToList();
        var outcomes = new Outcome[withTemplate.Count];
        Parallel.For(0, withTemplate.Count, i => outcomes[i] = RenderOne(renderer, marathonSchema, withTemplate[i]));
        var failures = new JsonArray([.. outcomes.Where(o => o.Failure is not null).Select(o => (JsonNode?)o.Failure)]);
        var rendered = outcomes.Count(o => o.Failure is null);
        var valid = outcomes.Count(o => o.MarathonValid);
        var visitorMismatches = new JsonArray([.. outcomes.Where(o => o.VisitorMismatch is not null).Select(o => (JsonNode?)o.VisitorMismatch)]);

        return new JsonObject
        {
            ["revisionsWithTemplate"] = withTemplate.Count,
            ["renderedObjects"] = rendered,
            ["marathonSchemaValid"] = valid,
            ["failures"] = failures,
            ["stubbleVisitorMismatches"] = visitorMismatches,
        };
    }

    private static Outcome RenderOne(PackageRenderer renderer, NJsonSchema.JsonSchema marathonSchema, PackageDefinition package)
    {
        JsonObject app;
        try
        {
            app = renderer.Render(package, null, null, SourceUri).MarathonJson!;
        }
        catch (CosmosException e)
        {
            return new Outcome(new JsonObject
            {
                ["package"] = package.Name,
                ["releaseVersion"] = package.ReleaseVersion,
                ["version"] = package.Version,
                ["error"] = e.Error.Type,
                ["reason"] = Reason(e.Error),
            }, false, null);
        }

        var scope = MustacheScope.Build(renderer.ResolveOptions(package, null), package.Resource);
        var mismatch = MustacheRenderer.Render(package.MarathonTemplate!, scope) == MustacheRenderer.RenderWithStubbleVisitor(package.MarathonTemplate!, scope)
            ? null
            : package.ToString();
        return new Outcome(null, marathonSchema.Validate(OptionsValidator.ToJToken(app)).Count == 0, mismatch);
    }

    private sealed record Outcome(JsonObject? Failure, bool MarathonValid, string? VisitorMismatch);

    private static string Reason(CosmosError error) => error switch
    {
        JsonSchemaMismatch m => string.Join("; ", m.Errors.Select(Describe)),
        JsonParsingError p => p.ParsingErrorMessage,
        JsonDecodingError d => d.DecodingErrorMessage,
        _ => error.Message,
    };

    private static string Describe(JsonObject e)
    {
        var text = $"{e["keyword"]} at '{e["instance"]?["pointer"]}': {e["message"]}";
        var nested = e["reports"] is JsonObject reports
            ? reports.SelectMany(r => r.Value!.AsArray()).Select(n => Describe(n!.AsObject())).ToList()
            : [];
        return nested.Count == 0 ? text : $"{text} [{string.Join("; ", nested)}]";
    }

    private static string MarathonSchemaPath() =>
        Path.Combine(Path.GetDirectoryName(UpstreamUniverse.RootPath)!, "marathon-schema", "AppDefinition.json");

}
