using System.Net.Http.Headers;
using System.Text;

namespace Universe.Registry;

/// <summary>A registry's <c>WWW-Authenticate</c> challenge: Bearer (realm, service, scope) preferred over Basic.</summary>
internal sealed record AuthChallenge(string Scheme, string? Realm, string? Service, string? Scope)
{
    public static AuthChallenge? Parse(HttpHeaderValueCollection<AuthenticationHeaderValue> values)
    {
        AuthChallenge? basic = null;
        foreach (var value in values)
        {
            if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                var p = Parameters(value.Parameter ?? string.Empty);
                if (p.TryGetValue("realm", out var realm))
                {
                    return new AuthChallenge("bearer", realm, p.GetValueOrDefault("service"), p.GetValueOrDefault("scope"));
                }
            }
            else if (value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                basic = new AuthChallenge("basic", null, null, null);
            }
        }

        return basic;
    }

    private static Dictionary<string, string> Parameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var name = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                i++;
                value = sb.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end].Trim();
                i = end;
            }

            result[name] = value;
        }

        return result;
    }
}
