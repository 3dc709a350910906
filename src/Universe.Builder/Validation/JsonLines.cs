using System.Globalization;
using System.Text.Json;

namespace Universe.Builder.Validation;

/// <summary>Line numbers in JSON text: of a byte offset, and of the value a JSON Pointer names.</summary>
internal static class JsonLines
{
    /// <summary>The 1-based line holding <paramref name="offset"/>.</summary>
    public static int LineOf(ReadOnlySpan<byte> bytes, long offset) =>
        bytes[..(int)Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;

    /// <summary>The 1-based line of the value at <paramref name="pointer"/> (<c>""</c> is the root), or null when it is not there.</summary>
    public static int? LineOf(byte[] json, string pointer)
    {
        var tokens = pointer.Length == 0
            ? []
            : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            return null;
        }

        foreach (var token in tokens)
        {
            if (!Descend(ref reader, token))
            {
                return null;
            }
        }

        return LineOf(json, reader.TokenStartIndex);
    }

    /// <summary>Moves <paramref name="reader"/> from a container start to the start of its member or item <paramref name="token"/>.</summary>
    private static bool Descend(ref Utf8JsonReader reader, string token)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var found = reader.ValueTextEquals(token);
                reader.Read();
                if (found)
                {
                    return true;
                }

                reader.Skip();
            }

            return false;
        }

        if (reader.TokenType == JsonTokenType.StartArray && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
            {
                if (i == index)
                {
                    return true;
                }

                reader.Skip();
            }
        }

        return false;
    }
}
