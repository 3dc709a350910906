using System.Buffers;
using System.Text.Json;

namespace Universe.IO;

/// <summary>
/// The door check for JSON request bodies (linked as source into Runtime and Cosmos): one pass over the bytes that
/// refuses what System.Text.Json would otherwise accept now and fail on later, after the value was stored: invalid
/// UTF-8, escaped lone surrogates (<c>"\ud800"</c>), duplicate keys in an object (Marathon rejects them too), and
/// nesting deeper than <see cref="MaxDepth"/>. A body that passes can be stored, serialised and read back.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 64;

    /// <summary>Null when <paramref name="utf8"/> is strict JSON; otherwise why not (no part of the input is echoed).</summary>
    public static string? Check(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var keys = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        keys.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        keys.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        keys.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (keys.Peek() is { } seen && !seen.Add(name))
                        {
                            return "Duplicate field '" + Printable(name) + "'";
                        }

                        break;
                    case JsonTokenType.String:
                        _ = reader.GetString();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return e.Message;
        }
        catch (InvalidOperationException)
        {
            return "Invalid string: the text is not valid UTF-8 or has a lone surrogate (\\ud800-\\udfff without its pair)";
        }

        return null;
    }

    /// <summary>Null when <paramref name="utf8"/> is strict JSON; otherwise why not.</summary>
    public static string? Check(ReadOnlyMemory<byte> utf8) => Check(new ReadOnlySequence<byte>(utf8));

    private static string Printable(string name) =>
        name.Length > 64 || name.Any(char.IsControl) ? "(" + name.Length + " characters)" : name;
}
