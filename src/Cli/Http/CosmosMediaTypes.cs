namespace Universe.Cli.Http;

/// <summary>The Cosmos vendor media types (cosmos-api.md §1.2): <c>application/vnd.dcos.&lt;kind&gt;+json;charset=utf-8;version=vN</c>.</summary>
public static class CosmosMediaTypes
{
    /// <summary>The error envelope's media type, also listed in every Accept header.</summary>
    public const string Error = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

    /// <summary>A vendor media type, e.g. <c>For("package.search-request", "v1")</c>.</summary>
    public static string For(string kind, string version) => $"application/vnd.dcos.{kind}+json;charset=utf-8;version={version}";

    /// <summary>
    /// Whether a response Content-Type is <paramref name="expected"/>: same type/subtype and every parameter of the
    /// expected type present with an equal value (parameter order and spaces ignored; charset case-insensitive).
    /// </summary>
    public static bool Matches(string expected, string? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (string.IsNullOrEmpty(actual))
        {
            return false;
        }

        var (expectedName, expectedParameters) = Split(expected);
        var (actualName, actualParameters) = Split(actual);
        return string.Equals(expectedName, actualName, StringComparison.OrdinalIgnoreCase)
            && expectedParameters.All(p => actualParameters.TryGetValue(p.Key, out var value)
                && string.Equals(value, p.Value, p.Key == "charset" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
    }

    private static (string Name, Dictionary<string, string> Parameters) Split(string mediaType)
    {
        var parts = mediaType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters[part[..equals].Trim()] = part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return (parts.Length == 0 ? string.Empty : parts[0], parameters);
    }
}
