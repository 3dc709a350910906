namespace Universe.Cosmos;

/// <summary>Configuration section <c>Cosmos:Marathon</c>.</summary>
public sealed class CosmosMarathonOptions
{
    /// <summary><c>Cosmos:Marathon:Url</c>: an external Marathon. Unset: the bundled Runtime, hosted in-process under <c>/marathon</c>.</summary>
    public string? Url { get; set; }

    /// <summary><c>Cosmos:Marathon:Token</c>: optional bearer token sent to the external Marathon. Never logged.</summary>
    public string? Token { get; set; }
}
