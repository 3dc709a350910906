using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Rendering.Errors;

/// <summary>
/// The package's Marathon template uses a mustache partial (<c>{{&gt; name}}</c>). Partials would load files on the
/// Cosmos host, so they are refused (cosmos-api.md §4.4); DC/OS Cosmos has no error type for this, so it is ours.
/// </summary>
public sealed record MustachePartialNotAllowed(string PartialName)
    : CosmosError($"Mustache partials are not allowed in package templates: {{{{> {PartialName}}}}}");
