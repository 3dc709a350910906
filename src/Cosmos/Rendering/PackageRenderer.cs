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

        var cache = PackageRenderCache.For(package);
        JsonObject options;
        MustacheMap scope;
        if (userOptions is null || userOptions.Count == 0)
        {
            ThrowIfInvalid(package.Config, cache.Defaults, cache.DefaultsErrors);
            options = JsonNode.Parse(cache.DefaultsUtf8)!.AsObject();
            scope = cache.DefaultsScope;
        }
        else
        {
            options = Resolve(package, cache, userOptions);
            scope = MustacheScope.Build(options, package.Resource);
        }

        var app = RenderedJson.ParseObject(MustacheRenderer.Render(template, scope));
        MarathonDecorator.Decorate(app, package, userOptions, appId, repositoryUri);
        return new RenderResult(options, app);
    }

    /// <inheritdoc/>
    public JsonObject ResolveOptions(PackageDefinition package, JsonObject? userOptions)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Resolve(package, PackageRenderCache.For(package), userOptions);
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

    private static JsonObject Resolve(PackageDefinition package, PackageRenderCache cache, JsonObject? userOptions)
    {
        var merged = JsonMerge.DeepMerge(cache.Defaults, userOptions);
        ThrowIfInvalid(package.Config, merged, merged.Count == 0 || package.Config is null ? [] : cache.Validate(merged));
        return merged;
    }

    private static void ThrowIfInvalid(JsonObject? config, JsonObject merged, IReadOnlyList<JsonObject> errors)
    {
        if (config is null && merged.Count > 0)
        {
            throw new CosmosException(new OptionsNotAllowed());
        }

        if (errors.Count > 0)
        {
            throw new CosmosException(new JsonSchemaMismatch(errors));
        }
    }
}
