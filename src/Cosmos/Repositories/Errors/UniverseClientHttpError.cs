using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// The repository server answered a non-success status (data: <c>packageRepository</c>, <c>method</c>,
/// <c>clientStatus</c>, <c>status</c>). Raised only by repository/add here, where Cosmos answers 400.
/// </summary>
public sealed record UniverseClientHttpError(
    PackageRepository PackageRepository,
    string Method,
    int ClientStatus,
    [property: JsonPropertyName("status")] int ResponseStatus)
    : CosmosError($"Unexpected upstream http error while fetching repository '{PackageRepository?.Name}' at {PackageRepository?.Uri}: {Method} {ClientStatus}");
