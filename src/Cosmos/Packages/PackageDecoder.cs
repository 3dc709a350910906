using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Packages;

/// <summary>
/// Decodes one repo-JSON package entry with the rules DC/OS Cosmos applies (cosmos-api.md §11): packagingVersion
/// 2.0 to 5.0, the required strings, tags without whitespace, a non-negative integer releaseVersion, a base64
/// Marathon template (required for 2.0). Unknown fields are kept.
/// </summary>
public static class PackageDecoder
{
    private static readonly string[] Required = ["name", "version", "maintainer", "description"];

    /// <summary>Decodes <paramref name="json"/>, or gives the reason it is not a valid package.</summary>
    public static bool TryDecode(
        JsonObject json,
        [NotNullWhen(true)] out PackageDefinition? package,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        package = null;
        error = Check(json, templateFromFile: false);
        if (error is not null)
        {
            return false;
        }

        try
        {
            package = new PackageDefinition(json);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Decodes a revision's files as they are assembled into a repo entry (<see cref="PackageRevisionFiles.ToJson(Func{byte[], JsonNode})"/>,
    /// with <paramref name="parse"/>); the template is taken from its file rather than decoded back from the base64
    /// just made of it. Throws what <c>ToJson</c> throws for files that are not JSON objects.
    /// </summary>
    public static bool TryDecode(
        PackageRevisionFiles files,
        Func<byte[], JsonNode?> parse,
        [NotNullWhen(true)] out PackageDefinition? package,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(files);
        var json = files.ToJson(parse);
        var template = files.MarathonTemplate is { Length: > 0 } bytes ? bytes : null;
        package = null;
        error = Check(json, templateFromFile: template is not null);
        if (error is not null)
        {
            return false;
        }

        try
        {
            package = new PackageDefinition(json, template is null ? null : Encoding.UTF8.GetString(template), decodeTemplate: template is null);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Decodes a revision's files (parsed the way <see cref="PackageRevisionFiles.ToJson()"/> parses them) or throws <see cref="FormatException"/> or <see cref="JsonException"/>.</summary>
    public static PackageDefinition Decode(PackageRevisionFiles files) =>
        TryDecode(files, static bytes => JsonTree.Parse(bytes), out var package, out var error) ? package : throw new FormatException(error);

    /// <summary>Decodes <paramref name="json"/> or throws <see cref="FormatException"/>.</summary>
    public static PackageDefinition Decode(JsonObject json) =>
        TryDecode(json, out var package, out var error) ? package : throw new FormatException(error);

    private static string? Check(JsonObject json, bool templateFromFile)
    {
        var packagingVersion = json["packagingVersion"] is JsonValue pv && pv.TryGetValue(out string? p) ? p : null;
        if (packagingVersion is not ("2.0" or "3.0" or "4.0" or "5.0"))
        {
            return $"Expected one of [2.0, 3.0, 4.0, 5.0] for packaging version, but found [{packagingVersion ?? "null"}]";
        }

        foreach (var key in Required)
        {
            if (json[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                return $"Attempt to decode value on failed cursor: DownField({key})";
            }
        }

        return CheckTags(json["tags"]) ?? CheckReleaseVersion(json["releaseVersion"]) ?? CheckMarathon(json, packagingVersion, templateFromFile);
    }

    private static string? CheckTags(JsonNode? tags)
    {
        if (tags is not JsonArray array)
        {
            return "Attempt to decode value on failed cursor: DownField(tags)";
        }

        foreach (var tag in array)
        {
            if (tag is not JsonValue value || !value.TryGetValue(out string? text) || text.Length == 0 || HasWhitespace(text))
            {
                return $"Tag [{tag?.ToJsonString()}] must be a non-empty string without whitespace";
            }
        }

        return null;
    }

    private static string? CheckReleaseVersion(JsonNode? releaseVersion)
    {
        if (releaseVersion is not JsonValue value || !value.TryGetValue(out long number))
        {
            return "Attempt to decode value on failed cursor: DownField(releaseVersion)";
        }

        return number < 0 ? $"Expected integer value greater than or equal to 0 for releaseVersion, but found [{number}]" : null;
    }

    /// <summary>The template's base64 is checked unless it was just made from the template file (<paramref name="templateFromFile"/>).</summary>
    private static string? CheckMarathon(JsonObject json, string packagingVersion, bool templateFromFile)
    {
        var marathon = json["marathon"];
        if (marathon is null)
        {
            return packagingVersion == "2.0" ? "Attempt to decode value on failed cursor: DownField(marathon)" : null;
        }

        if (marathon["v2AppMustacheTemplate"] is not JsonValue template || !template.TryGetValue(out string? encoded))
        {
            return "Attempt to decode value on failed cursor: DownField(v2AppMustacheTemplate),DownField(marathon)";
        }

        if (templateFromFile)
        {
            return null;
        }

        Span<byte> scratch = encoded.Length <= 4096 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, scratch, out _) ? null : "Base64 string value expected";
    }

    private static bool HasWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
