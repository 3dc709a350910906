using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>repository/delete: no entry matches (data: <c>name?</c>, <c>uri?</c>).</summary>
public sealed record RepositoryNotPresent(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Uri)
    : CosmosError((Name, Uri) switch
    {
        (not null, not null) => $"Neither repository name [{Name}] nor URI [{Uri}] are present in the list",
        (not null, null) => $"Repository name [{Name}] is not present in the list",
        _ => $"Repository URI [{Uri}] is not present in the list",
    });
