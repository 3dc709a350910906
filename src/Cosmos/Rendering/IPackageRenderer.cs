using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Rendering;

/// <summary>
/// Steps 4–6 of the install/render pipeline (cosmos-api.md §4.1): defaults from <c>config</c>, user options
/// merged over them and validated, the Marathon template rendered with Cosmos's mustache semantics, parsed,
/// and decorated with <c>id</c> and the five <c>DCOS_PACKAGE_*</c> labels. Pure and thread-safe (a singleton);
/// parsed schemas, templates and the definition label are cached per package. Failures throw
/// <see cref="Universe.Cosmos.Errors.CosmosException"/> carrying <c>JsonSchemaMismatch</c>, <c>OptionsNotAllowed</c>,
/// <c>JsonParsingError</c>, <c>MarathonTemplateMustBeJsonObject$</c> or <c>JsonDecodingError</c>.
/// </summary>
public interface IPackageRenderer
{
    /// <summary>
    /// Renders <paramref name="package"/>. For a package without a Marathon template nothing is validated or
    /// rendered: the result has <see cref="RenderResult.MarathonJson"/> null and the unvalidated merged options
    /// (the caller decides between "CLI-only install" and <c>ServiceMarathonTemplateNotFound</c>).
    /// </summary>
    /// <param name="package">The resolved package revision.</param>
    /// <param name="userOptions">The request's <c>options</c>, or null.</param>
    /// <param name="appId">The request's <c>appId</c> (a leading <c>/</c> is added when missing), or null.</param>
    /// <param name="repositoryUri">The URI of the repository the package came from (<c>DCOS_PACKAGE_SOURCE</c>).</param>
    RenderResult Render(PackageDefinition package, JsonObject? userOptions, string? appId, string repositoryUri);

    /// <summary>Defaults ⊕ user options, validated against <c>config</c> (§4.2/§4.3); throws like <see cref="Render"/>.</summary>
    JsonObject ResolveOptions(PackageDefinition package, JsonObject? userOptions);
}

/// <summary>
/// What <see cref="IPackageRenderer.Render"/> produced. <see cref="ResolvedOptions"/>: defaults merged with the
/// user options (service/describe's <c>resolvedOptions</c>). <see cref="MarathonJson"/>: the decorated app
/// (nulls kept; drop them only for the render response), or null when the package has no template.
/// Both are fresh objects the caller may modify.
/// </summary>
public sealed record RenderResult(JsonObject ResolvedOptions, JsonObject? MarathonJson);
