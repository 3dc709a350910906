using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>repository/add with an index outside 0..size (data: <c>attempted</c>, <c>max</c>).</summary>
public sealed record RepositoryAddIndexOutOfBounds(int Attempted, int Max)
    : CosmosError(Max == 0
        ? $"Index ({Attempted}) is out of range. Index value can be at most 0"
        : $"Index ({Attempted}) is out of range. Index value must be between 0 and {Max} inclusive.");
