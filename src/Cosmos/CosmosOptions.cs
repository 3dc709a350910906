using System.ComponentModel.DataAnnotations;

namespace Universe.Cosmos;

/// <summary>Configuration section <c>Cosmos</c> (command line <c>--Cosmos:Key=value</c>, environment <c>Cosmos__Key=value</c>).</summary>
public sealed class CosmosOptions : IValidatableObject
{
    public const string SectionName = "Cosmos";

    /// <summary><c>Cosmos:DataDirectory</c>: all of Cosmos's state (repository list, git clones, caches, installs).</summary>
    [Required] public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// <c>Cosmos:AllowLocalRepositories</c>: whether <c>file://</c> and plain-path repository URIs may be added
    /// through the API. Null (unset) means: allowed only while Cosmos listens on loopback addresses only.
    /// </summary>
    public bool? AllowLocalRepositories { get; set; }

    /// <summary><c>Cosmos:DefaultRepositoryUri</c>: the repository registered on first start (default: the bundled <c>universe/</c>).</summary>
    public string? DefaultRepositoryUri { get; set; }

    /// <summary><c>Cosmos:RepositoryRefreshSeconds</c>: background refresh period of each repository.</summary>
    [Range(1, 86400)] public int RepositoryRefreshSeconds { get; set; } = 300;

    public CosmosAuthOptions Auth { get; set; } = new();

    public CosmosMarathonOptions Marathon { get; set; } = new();

    public CosmosFetchOptions Fetch { get; set; } = new();

    /// <summary>Data annotations do not look into nested sections: validate them here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Fetch.Validate(validationContext);
}
