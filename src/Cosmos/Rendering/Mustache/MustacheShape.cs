namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// A linear scan that recognises the plain shape nearly every package template has: default delimiters, and tags that
/// are only <c>{{name}}</c>, <c>{{{name}}}</c>, <c>{{&amp;name}}</c>, <c>{{#name}}</c>/<c>{{^name}}</c> closed by a
/// matching <c>{{/name}}</c>, or <c>{{!comment}}</c>, with names of letters, digits, <c>_ - .</c> and no spaces. Such a
/// template always parses; whatever else (partials, delimiter changes, spaces, odd names, an unbalanced section) is
/// left to the real parser, so this never decides that a template fails, and never that one parses that Stubble
/// would refuse (pinned by a differential test against Stubble).
/// </summary>
internal static class MustacheShape
{
    /// <summary>Whether <paramref name="template"/> has the plain shape (true: it parses; false: ask the parser).</summary>
    public static bool IsPlain(string template)
    {
        var open = new List<(int Start, int Length)>();
        var i = 0;
        while (true)
        {
            var tag = template.IndexOf("{{", i, StringComparison.Ordinal);
            if (tag < 0)
            {
                return open.Count == 0;
            }

            var start = tag + 2;
            if (start < template.Length && template[start] == '{')
            {
                var tripleEnd = template.IndexOf("}}}", start + 1, StringComparison.Ordinal);
                if (tripleEnd < 0 || !IsName(template.AsSpan(start + 1, tripleEnd - start - 1)))
                {
                    return false;
                }

                i = tripleEnd + 3;
                continue;
            }

            var end = template.IndexOf("}}", start, StringComparison.Ordinal);
            if (end <= start)
            {
                return false;
            }

            var content = template.AsSpan(start, end - start);
            switch (content[0])
            {
                case '#' or '^':
                    if (!IsName(content[1..]))
                    {
                        return false;
                    }

                    open.Add((start + 1, content.Length - 1));
                    break;
                case '/':
                    if (open.Count == 0 || !IsName(content[1..]))
                    {
                        return false;
                    }

                    var (openStart, openLength) = open[^1];
                    if (!template.AsSpan(openStart, openLength).SequenceEqual(content[1..]))
                    {
                        return false;
                    }

                    open.RemoveAt(open.Count - 1);
                    break;
                case '!':
                    if (content.Contains('{'))
                    {
                        return false;
                    }

                    break;
                case '&':
                    if (!IsName(content[1..]))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!IsName(content))
                    {
                        return false;
                    }

                    break;
            }

            i = end + 2;
        }
    }

    /// <summary>A name: <c>.</c>, or a letter or <c>_</c> then letters, digits, <c>_ - .</c> (no dot at either end, no two in a row).</summary>
    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name is ".")
        {
            return true;
        }

        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || name[^1] == '.')
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c == '.' && name[i - 1] != '.')))
            {
                return false;
            }
        }

        return true;
    }
}
