using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository answered with a Content-Encoding other than gzip (data: <c>supported</c>, <c>actual?</c>).</summary>
public sealed record UnsupportedContentEncoding(
    IReadOnlyList<string> Supported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actual)
    : CosmosError($"Unsupported Content-Encoding: {Actual} Accept-Encoding: [{string.Join(", ", Supported ?? [])}]");
