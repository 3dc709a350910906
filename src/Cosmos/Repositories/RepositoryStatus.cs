using System.Text.Json.Serialization;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// The health of one repository, listed beside its name and URI (an extension of repository/list).
/// <see cref="State"/>: <c>loading</c>, <c>ok</c>, <c>degraded</c> (some packages could not be decoded; the rest are
/// served) or <c>error</c> (the last fetch failed; the packages of the last good fetch, if any, are still served).
/// </summary>
public sealed record RepositoryStatus(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonPropertyName("packages")] int Packages,
    [property: JsonPropertyName("lastUpdated"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastUpdated,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Errors = null)
{
    public const string Loading = "loading";
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Error = "error";
}
