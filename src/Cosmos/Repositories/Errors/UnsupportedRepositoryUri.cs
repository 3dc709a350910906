using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// A repository URI whose scheme is not supported, or a local (<c>file://</c>, path, local git) URI while local
/// repositories are not allowed through the API (data: <c>uri</c>).
/// </summary>
public sealed record UnsupportedRepositoryUri(string Uri)
    : CosmosError($"Repository URI [{Uri}] uses an unsupported scheme. Only http and https are supported");
