using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Rendering.Marathon;
using Universe.Cosmos.Rendering.Mustache;
using Universe.Cosmos.Rendering.Options;

namespace Universe.Cosmos.Rendering;

/// <summary>The <see cref="IPackageRenderer"/>: §4.2 options, §4.4 mustache, §4.5 decoration, composed from the pure pieces.</summary>
public sealed class PackageRenderer : IPackageRenderer
{
    /// <inheritdoc/>
    public RenderResult Render(PackageDefinition package, JsonObject? userOptions, string? appId, string repositoryUri)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(repositoryUri);
        var template = package.MarathonTemplate;
        if (template is null)
        {
            return new RenderResult(JsonMerge.DeepMerge(OptionDefaults.Extract(package.Config), userOptions), null);
        }

        var options = ResolveOptions(package, userOptions);
        var text = MustacheRenderer.Render(template, MustacheScope.Build(options, package.Resource));
        var app = RenderedJson.ParseObject(text);
        MarathonDecorator.Decorate(app, package, userOptions, appId, repositoryUri);
        return new RenderResult(options, app);
    }

    /// <inheritdoc/>
    public JsonObject ResolveOptions(PackageDefinition package, JsonObject? userOptions)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Resolve(package.Config, userOptions);
    }

    /// <summary>
    /// §4.2: defaults ⊕ user options, then: no config and non-empty → <c>OptionsNotAllowed</c>; empty → no validation;
    /// otherwise validated, every error reported in one <c>JsonSchemaMismatch</c>.
    /// </summary>
    public static JsonObject Resolve(JsonObject? config, JsonObject? userOptions)
    {
        var merged = JsonMerge.DeepMerge(OptionDefaults.Extract(config), userOptions);
        if (config is null)
        {
            return merged.Count == 0 ? merged : throw new CosmosException(new OptionsNotAllowed());
        }

        if (merged.Count == 0)
        {
            return merged;
        }

        var errors = OptionsValidator.Validate(config, merged);
        return errors.Count == 0 ? merged : throw new CosmosException(new JsonSchemaMismatch(errors));
    }
}
