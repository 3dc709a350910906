using System.Text.Json.Serialization;

namespace Universe.Cli.Configuration;

/// <summary>The stored cluster configuration (<c>~/.config/universe/dcos.json</c>).</summary>
public sealed record CliConfig(
    [property: JsonPropertyName("url")] string? Url = null,
    [property: JsonPropertyName("token")] string? Token = null,
    [property: JsonPropertyName("marathonUrl")] string? MarathonUrl = null);
