using System.Text.Json;
using Universe.Cosmos.Schemas;

namespace Universe.Builder.Validation;

/// <summary>
/// Upstream's per-file rules for a JSON package file: read as ASCII (any other byte fails), parse, no <c>\uXXXX</c>
/// once re-serialised with Python's ASCII escaping (DCOS-42473), then the schema. Reports findings with line numbers.
/// </summary>
internal static class JsonFileCheck
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>The parsed file, or null when it is not ASCII or not JSON (reported). The caller disposes it.</summary>
    public static JsonDocument? Parse(byte[] bytes, string path, List<Finding> findings)
    {
        var nonAscii = bytes.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (nonAscii >= 0)
        {
            findings.Add(Finding.Error(FindingCodes.NonAscii, path, $"byte 0x{bytes[nonAscii]:X2} at offset {nonAscii} is not ASCII (upstream reads package JSON files as ASCII)", JsonLines.LineOf(bytes, nonAscii)));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            findings.Add(Finding.Error(FindingCodes.InvalidJson, path, Trim(e.Message), (int?)e.LineNumber + 1));
            return null;
        }

        CheckEscapes(bytes, path, findings);
        return document;
    }

    /// <summary>Checks <paramref name="instance"/> against <paramref name="schema"/>; one finding per error.</summary>
    public static void CheckSchema(Draft4Schema schema, byte[] bytes, JsonElement instance, string code, string schemaName, string path, List<Finding> findings)
    {
        foreach (var error in schema.Validate(instance, maxErrors: 20))
        {
            findings.Add(Finding.Error(code, path, $"{schemaName}: {error}", JsonLines.LineOf(bytes, error.InstancePointer)));
        }
    }

    /// <summary>
    /// Whether Python's <c>json.dumps</c> (ASCII escaping) would write a <c>\uXXXX</c> for <paramref name="text"/>: a
    /// control character other than \b \f \n \r \t, DEL or anything beyond ASCII, or a literal backslash-u-four-hex.
    /// </summary>
    public static bool NeedsUnicodeEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c is not ('\b' or '\f' or '\n' or '\r' or '\t')) || c > 0x7E)
            {
                return true;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] == 'u' && IsHex4(text.AsSpan(i + 2)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex4(ReadOnlySpan<char> rest) =>
        rest.Length >= 4 && char.IsAsciiHexDigit(rest[0]) && char.IsAsciiHexDigit(rest[1]) && char.IsAsciiHexDigit(rest[2]) && char.IsAsciiHexDigit(rest[3]);

    /// <summary>The DCOS-42473 rule alone (<see cref="Parse"/> applies it).</summary>
    public static void CheckEscapes(byte[] bytes, string path, List<Finding> findings)
    {
        if (bytes.AsSpan().IndexOf((byte)'\\') < 0)
        {
            return;
        }

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && NeedsUnicodeEscape(reader.GetString()!))
            {
                findings.Add(Finding.Error(
                    FindingCodes.UnicodeEscape,
                    path,
                    $"the string {Shorten(reader.GetString()!)} would be written with a \\uXXXX escape; package files must hold plain ASCII text (DCOS-42473)",
                    JsonLines.LineOf(bytes, reader.TokenStartIndex)));
                return;
            }
        }
    }

    private static string Shorten(string text) => JsonSerializer.Serialize(text.Length > 60 ? text[..60] + "…" : text);

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
