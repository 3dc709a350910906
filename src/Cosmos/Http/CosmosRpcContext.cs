namespace Universe.Cosmos.Http;

/// <summary>What an RPC handler gets: the decoded request, the negotiated response version (e.g. "v2"), the HTTP context.</summary>
public sealed record CosmosRpcContext<TRequest>(TRequest Request, string ResponseVersion, HttpContext HttpContext);
