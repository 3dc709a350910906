using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Universe.Runtime.Apps;

/// <summary>
/// Marathon's label selector: comma-separated selectors that must all match; each is <c>key</c> (exists),
/// <c>key==v</c>, <c>key!=v</c>, <c>key in (a, b)</c> or <c>key notin (a, b)</c>. Every selector first requires the
/// key to exist. <c>\</c> escapes any character in a term.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _selectors;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> selectors) => _selectors = selectors;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _selectors.TrueForAll(s => s(labels));

    public static bool TryParse(string text, [NotNullWhen(true)] out LabelSelector? selector)
    {
        selector = null;
        var parser = new Parser(text);
        var selectors = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        do
        {
            var key = parser.Term();
            if (key is null)
            {
                return false;
            }

            if (parser.Accept("==") || parser.Accept("!="))
            {
                var negate = parser.Last == "!=";
                var value = parser.Term();
                if (value is null)
                {
                    return false;
                }

                selectors.Add(l => l.TryGetValue(key, out var v) && (v == value) != negate);
            }
            else if (parser.AcceptWord("notin") || parser.AcceptWord("in"))
            {
                var negate = parser.Last == "notin";
                if (!parser.Accept("("))
                {
                    return false;
                }

                var values = new HashSet<string>(StringComparer.Ordinal);
                do
                {
                    var value = parser.Term();
                    if (value is null)
                    {
                        return false;
                    }

                    values.Add(value);
                }
                while (parser.Accept(","));
                if (!parser.Accept(")"))
                {
                    return false;
                }

                selectors.Add(l => l.TryGetValue(key, out var v) && values.Contains(v) != negate);
            }
            else
            {
                selectors.Add(l => l.ContainsKey(key));
            }
        }
        while (parser.Accept(","));

        if (!parser.AtEnd)
        {
            return false;
        }

        selector = new LabelSelector(selectors);
        return true;
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public string Last { get; private set; } = string.Empty;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _position >= text.Length;
            }
        }

        public bool Accept(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0)
            {
                return false;
            }

            _position += token.Length;
            Last = token;
            return true;
        }

        public bool AcceptWord(string word)
        {
            SkipSpaces();
            var end = _position + word.Length;
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) != 0 || end >= text.Length || !(char.IsWhiteSpace(text[end]) || text[end] == '('))
            {
                return false;
            }

            _position = end;
            Last = word;
            return true;
        }

        public string? Term()
        {
            SkipSpaces();
            var builder = new StringBuilder();
            while (_position < text.Length)
            {
                var c = text[_position];
                if (c == '\\' && _position + 1 < text.Length)
                {
                    builder.Append(text[_position + 1]);
                    _position += 2;
                }
                else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                {
                    builder.Append(c);
                    _position++;
                }
                else
                {
                    break;
                }
            }

            return builder.Length == 0 ? null : builder.ToString();
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] == ' ')
            {
                _position++;
            }
        }
    }
}
