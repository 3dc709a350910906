namespace Universe.Cosmos;

/// <summary>Configuration section <c>Cosmos:Auth</c>.</summary>
public sealed class CosmosAuthOptions
{
    /// <summary>
    /// <c>Cosmos:Auth:Token</c>: the bearer token the mutating endpoints require when Cosmos listens on a
    /// non-loopback address (and always, when set). Never logged.
    /// </summary>
    public string? Token { get; set; }
}
