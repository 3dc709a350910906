using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>repository/add: the name, the URI or both are already in the list (data: <c>name?</c>, <c>uri?</c>).</summary>
public sealed record RepositoryAlreadyPresent(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Uri)
    : CosmosError((Name, Uri) switch
    {
        (not null, not null) => $"Repository name [{Name}] and URI [{Uri}] are both already present in the list",
        (not null, null) => $"Repository name [{Name}] is already present in the list",
        _ => $"Repository URI [{Uri}] is already present in the list",
    });
