using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Universe.Builder.Build;

/// <summary>
/// A version compared the way Python's <c>distutils.version.LooseVersion</c> compares it, which the upstream generator
/// uses for <c>minDcosReleaseVersion</c>: the text is split into runs of digits (compared as numbers), runs of lowercase
/// letters and other text (compared as strings), dots dropped; components are compared in order and a longer version
/// wins a tie (<c>1.9.0</c> is newer than <c>1.9</c>). Python cannot compare a number with text; here a number sorts first.
/// </summary>
public sealed class LooseVersion : IComparable<LooseVersion>, IEquatable<LooseVersion>
{
    private readonly object[] _components;

    private LooseVersion(string text, object[] components)
    {
        Text = text;
        _components = components;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/> (never fails: every string is a loose version).</summary>
    public static LooseVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var components = new List<object>();
        var i = 0;
        var other = -1;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetterLower(c))
            {
                while (i < text.Length && char.IsAsciiLetterLower(text[i]))
                {
                    i++;
                }
            }
            else if (c == '.')
            {
                i++;
            }
            else
            {
                other = other < 0 ? i : other;
                i++;
                continue;
            }

            if (other >= 0)
            {
                components.Add(text[other..start]);
                other = -1;
            }

            var token = text[start..i];
            if (token == ".")
            {
                continue;
            }

            components.Add(char.IsAsciiDigit(token[0]) ? BigInteger.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture) : token);
        }

        if (other >= 0)
        {
            components.Add(text[other..]);
        }

        return new LooseVersion(text, [.. components]);
    }

    /// <summary>Parses <paramref name="text"/>; false only for null.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out LooseVersion? version)
    {
        version = text is null ? null : Parse(text);
        return version is not null;
    }

    public int CompareTo(LooseVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var count = Math.Min(_components.Length, other._components.Length);
        for (var i = 0; i < count; i++)
        {
            var result = Compare(_components[i], other._components[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return _components.Length.CompareTo(other._components.Length);
    }

    public bool Equals(LooseVersion? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is LooseVersion other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var component in _components)
        {
            hash.Add(component);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator <(LooseVersion left, LooseVersion right) => Compare(left, right) < 0;

    public static bool operator >(LooseVersion left, LooseVersion right) => Compare(left, right) > 0;

    public static bool operator <=(LooseVersion left, LooseVersion right) => Compare(left, right) <= 0;

    public static bool operator >=(LooseVersion left, LooseVersion right) => Compare(left, right) >= 0;

    public static bool operator ==(LooseVersion? left, LooseVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(LooseVersion? left, LooseVersion? right) => !(left == right);

    private static int Compare(LooseVersion left, LooseVersion right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.CompareTo(right);
    }

    private static int Compare(object left, object right) => (left, right) switch
    {
        (BigInteger a, BigInteger b) => a.CompareTo(b),
        (BigInteger, _) => -1,
        (_, BigInteger) => 1,
        _ => string.CompareOrdinal((string)left, (string)right),
    };
}
