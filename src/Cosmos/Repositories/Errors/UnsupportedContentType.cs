using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository answered with a Content-Type that is not a repo index (data: <c>supported</c>, <c>actual?</c>).</summary>
public sealed record UnsupportedContentType(
    IReadOnlyList<string> Supported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actual)
    : CosmosError(Actual is null
        ? $"Unspecified Content-Type Accept: [{string.Join(", ", Supported ?? [])}]"
        : $"Unsupported Content-Type: {Actual} Accept: [{string.Join(", ", Supported ?? [])}]");
