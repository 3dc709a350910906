namespace Universe.Cosmos.Http;

/// <summary>A response body already serialised (UTF-8 JSON, nulls already dropped); an RPC handler may return it to skip serialisation (e.g. cached search results).</summary>
public sealed record CosmosRawJson(byte[] Utf8Json);
