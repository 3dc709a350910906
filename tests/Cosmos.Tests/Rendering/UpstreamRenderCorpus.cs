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
        var failures = new JsonArray();
        var rendered = 0;
        var valid = 0;
        var visitorMismatches = new JsonArray();
        foreach (var package in withTemplate)
        {
            JsonObject app;
            try
            {
                app = renderer.Render(package, null, null, SourceUri).MarathonJson!;
            }
            catch (CosmosException e)
            {
                failures.Add(new JsonObject
                {
                    ["package"] = package.Name,
                    ["releaseVersion"] = package.ReleaseVersion,
                    ["version"] = package.Version,
                    ["error"] = e.Error.Type,
                    ["reason"] = Reason(e.Error),
                });
                continue;
            }

            rendered++;
            var scope = MustacheScope.Build(renderer.ResolveOptions(package, null), package.Resource);
            if (MustacheRenderer.Render(package.MarathonTemplate!, scope) != MustacheRenderer.RenderWithStubbleVisitor(package.MarathonTemplate!, scope))
            {
                visitorMismatches.Add(package.ToString());
            }

            if (marathonSchema.Validate(OptionsValidator.ToJToken(app)).Count == 0)
            {
                valid++;
            }
        }

        return new JsonObject
        {
            ["revisionsWithTemplate"] = withTemplate.Count,
            ["renderedObjects"] = rendered,
            ["marathonSchemaValid"] = valid,
            ["failures"] = failures,
            ["stubbleVisitorMismatches"] = visitorMismatches,
        };
    }

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
