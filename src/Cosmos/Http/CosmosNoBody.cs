namespace Universe.Cosmos.Http;

/// <summary>The request of an RPC without a body (<see cref="CosmosRpc.MapCosmosGet"/>).</summary>
public sealed record CosmosNoBody
{
    public static CosmosNoBody Instance { get; } = new();
}
