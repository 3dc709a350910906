using System.Text;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>
/// Adapts an ECMA 262 <c>pattern</c> (what JSON Schema and fge use) to .NET regex syntax: an identity escape of a
/// word character that .NET does not know (<c>\_</c>, <c>\A</c> …) becomes the plain character, as in JavaScript.
/// </summary>
public static class EcmaRegex
{
    private const string EcmaLetterEscapes = "wWsSdDbBnrtfvcxu";

    public static string ToDotNet(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.Contains('\\', StringComparison.Ordinal))
        {
            return pattern;
        }

        var builder = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if ((char.IsAsciiLetter(next) || next == '_') && !EcmaLetterEscapes.Contains(next, StringComparison.Ordinal))
                {
                    builder.Append(next);
                }
                else
                {
                    builder.Append(c).Append(next);
                }

                i++;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
