using System.Globalization;
using System.Text;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>JSON string escaping as circe prints it: <c>"</c>, <c>\</c> and control characters only; everything else raw.</summary>
public static class JsonStringEscape
{
    /// <summary>The JSON encoding of <paramref name="value"/>, with or without its surrounding quotes.</summary>
    public static string Escape(string value, bool withQuotes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = IndexOfSpecial(value);
        if (first < 0)
        {
            return withQuotes ? string.Concat("\"", value, "\"") : value;
        }

        var builder = new StringBuilder(value.Length + 8);
        if (withQuotes)
        {
            builder.Append('"');
        }

        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (withQuotes)
        {
            builder.Append('"');
        }

        return builder.ToString();
    }

    private static int IndexOfSpecial(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ' || c == '"' || c == '\\')
            {
                return i;
            }
        }

        return -1;
    }
}
