namespace Universe.Cosmos.Errors;

/// <summary>Carries a <see cref="CosmosError"/> up to the exception handler.</summary>
public sealed class CosmosException(CosmosError error) : Exception(error?.Message)
{
    public CosmosError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
