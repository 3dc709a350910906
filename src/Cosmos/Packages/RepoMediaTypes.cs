namespace Universe.Cosmos.Packages;

/// <summary>Media types of a repo index (<c>application/vnd.dcos.universe.repo+json;charset=utf-8;version=vN</c>).</summary>
public static class RepoMediaTypes
{
    public const string BaseType = "application/vnd.dcos.universe.repo+json";
    public const string V3 = BaseType + ";charset=utf-8;version=v3";
    public const string V4 = BaseType + ";charset=utf-8;version=v4";
    public const string V5 = BaseType + ";charset=utf-8;version=v5";

    /// <summary>The <c>Accept</c> header DC/OS Cosmos sends (v5, v4, v3; commas, no spaces).</summary>
    public const string Accept = V5 + "," + V4 + "," + V3;

    /// <summary>The types Cosmos lists in UnsupportedContentType (v4 and v3: Cosmos's own list, §13).</summary>
    public static IReadOnlyList<string> Supported { get; } = [V4, V3];

    /// <summary>The media type for a repo index version (3, 4 or 5).</summary>
    public static string ForVersion(int version) => version switch
    {
        3 => V3,
        4 => V4,
        5 => V5,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Repo index versions are 3, 4 and 5."),
    };

    /// <summary>
    /// Whether <paramref name="contentType"/> is compatible with a v3/v4/v5 repo index: the vendor type with an optional
    /// <c>version</c> parameter of v3, v4 or v5 (a bare type passes, as in Cosmos). <c>application/json</c> is accepted
    /// too (an extension: plain static file servers use it) and read as v5.
    /// </summary>
    public static bool TryGetVersion(string? contentType, out int version)
    {
        version = 0;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        if (parts[0].Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            version = 5;
            return true;
        }

        if (!parts[0].Equals(BaseType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        version = 5;
        for (var i = 1; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parts[i][..eq].Trim().Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = parts[i][(eq + 1)..].Trim().Trim('"').ToLowerInvariant() switch
                {
                    "v3" => 3,
                    "v4" => 4,
                    "v5" => 5,
                    _ => 0,
                };
            }
        }

        return version != 0;
    }
}
