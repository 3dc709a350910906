namespace Universe.Cosmos.Http;

/// <summary>What the RPC endpoint filter reads of a <see cref="CosmosRpcRequest{TBody}"/> whatever its body type.</summary>
internal interface ICosmosRpcRequest
{
    /// <summary>The request errors found while binding (null when the request is valid), in the order they were checked.</summary>
    IReadOnlyList<RequestItemError>? Errors { get; }
}
