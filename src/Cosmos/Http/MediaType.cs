using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Universe.Cosmos.Http;

/// <summary>
/// A parsed media type as DC/OS Cosmos sees it (Guava rules): type, subtype and parameter names lower-cased,
/// the <c>charset</c> value lower-cased, other values kept as sent; the subtype suffix split at <c>+</c>.
/// Equality compares type, subtype, suffix and the parameters as a map (order irrelevant).
/// </summary>
public sealed class MediaType : IEquatable<MediaType>
{
    private MediaType(string type, string subtype, string? suffix, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        Type = type;
        Subtype = subtype;
        Suffix = suffix;
        Parameters = parameters;
    }

    public string Type { get; }

    /// <summary>The subtype without its suffix (<c>vnd.dcos.package.search-request</c>).</summary>
    public string Subtype { get; }

    /// <summary>The suffix after <c>+</c> (<c>json</c>), or null.</summary>
    public string? Suffix { get; }

    /// <summary>Parameters in the order given (a later duplicate replaces an earlier one).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The <c>q</c> parameter: 1.0 when absent or not a number.</summary>
    public double Quality =>
        this["q"] is { } q && double.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 1.0;

    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in Parameters)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return null;
        }
    }

    /// <summary>A Cosmos vendor type: <c>application/vnd.dcos.{kind}+json;charset=utf-8;version={version}</c>.</summary>
    public static MediaType Vendor(string kind, string version) =>
        new("application", "vnd.dcos." + kind, "json", [new("charset", "utf-8"), new("version", version)]);

    public static MediaType Parse(string text) =>
        TryParse(text, out var mediaType) ? mediaType : throw new FormatException($"Could not parse '{text}' as a media type");

    public static bool TryParse(string? text, [NotNullWhen(true)] out MediaType? mediaType)
    {
        mediaType = null;
        if (text is null)
        {
            return false;
        }

        var parts = text.Split(';');
        var full = parts[0].Trim();
        var slash = full.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == full.Length - 1)
        {
            return false;
        }

        var type = full[..slash].ToLowerInvariant();
        var subtypeAndSuffix = full[(slash + 1)..].ToLowerInvariant();
        if (!IsToken(type) || !IsToken(subtypeAndSuffix))
        {
            return false;
        }

        var plus = subtypeAndSuffix.Split('+');
        if (plus.Length > 2 || plus[0].Length == 0 || (plus.Length == 2 && plus[1].Length == 0))
        {
            return false;
        }

        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < parts.Length; i++)
        {
            var parameter = parts[i].Trim();
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var name = parameter[..equals].Trim().ToLowerInvariant();
            var value = Unquote(parameter[(equals + 1)..].Trim());
            if (!IsToken(name) || value is null)
            {
                return false;
            }

            if (name == "charset")
            {
                value = value.ToLowerInvariant();
            }

            parameters.RemoveAll(p => p.Key == name);
            parameters.Add(new(name, value));
        }

        mediaType = new MediaType(type, plus[0], plus.Length == 2 ? plus[1] : null, parameters);
        return true;
    }

    /// <summary>
    /// Cosmos's <c>compatible(expected, actual)</c>: same type, subtype and suffix, and every parameter of
    /// <paramref name="expected"/> except <c>q</c> present in <paramref name="actual"/> with an equal value.
    /// </summary>
    public static bool Compatible(MediaType expected, MediaType actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Type != actual.Type || expected.Subtype != actual.Subtype || expected.Suffix != actual.Suffix)
        {
            return false;
        }

        foreach (var (key, value) in expected.Parameters)
        {
            if (key != "q" && actual[key] != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This type with other parameters (used for the Accept back-fill and to strip <c>q</c>).</summary>
    public MediaType WithParameters(IReadOnlyList<KeyValuePair<string, string>> parameters) => new(Type, Subtype, Suffix, parameters);

    public MediaType WithoutQuality() =>
        this["q"] is null ? this : new(Type, Subtype, Suffix, [.. Parameters.Where(p => p.Key != "q")]);

    public bool Equals(MediaType? other) =>
        other is not null
        && Type == other.Type && Subtype == other.Subtype && Suffix == other.Suffix
        && Parameters.Count == other.Parameters.Count
        && Parameters.All(p => other[p.Key] == p.Value);

    public override bool Equals(object? obj) => Equals(obj as MediaType);

    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Type, Subtype, Suffix);
        foreach (var (key, value) in Parameters)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }

    /// <summary>Printed as Cosmos prints it: <c>type/subtype+suffix;name=value…</c>, no spaces.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Type).Append('/').Append(Subtype);
        if (Suffix is not null)
        {
            text.Append('+').Append(Suffix);
        }

        foreach (var (key, value) in Parameters)
        {
            text.Append(';').Append(key).Append('=').Append(value);
        }

        return text.ToString();
    }

    private static string? Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
        }

        return IsToken(value) ? value : null;
    }

    private static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
