using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository redirected to a scheme other than http/https, or too often (data: <c>supported</c>, <c>actual?</c>).</summary>
public sealed record UnsupportedRedirect(
    IReadOnlyList<string> Supported,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actual)
    : CosmosError($"Unsupported redirect scheme - supported: [{string.Join(", ", Supported ?? [])}] actual: {Actual}");
