using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>Render (and v1 install) of a package without a <c>marathon.v2AppMustacheTemplate</c>.</summary>
public sealed record ServiceMarathonTemplateNotFound(string PackageName, string PackageVersion)
    : CosmosError($"Package: [{PackageName}] version: [{PackageVersion}] does not have a Marathon template defined and can not be rendered");
