using System.Globalization;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Python's <c>distutils.version.LooseVersion</c> ordering, the one the upstream tooling uses for
/// <c>minDcosReleaseVersion</c>: the text splits into runs of digits (compared as numbers) and runs of letters
/// (compared as text), other characters separate; so <c>1.9.0 &gt; 1.9</c> and <c>1.10 &gt; 1.9</c>. Where Python would
/// fail comparing a number to text, a number sorts first.
/// </summary>
public static class LooseVersion
{
    /// <summary>Compares two version texts; negative, zero or positive.</summary>
    public static int Compare(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var a = Components(left);
        var b = Components(right);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = CompareComponent(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    /// <summary>True when a revision with <paramref name="minDcosReleaseVersion"/> (null = any) runs on <paramref name="dcosVersion"/>.</summary>
    public static bool Fits(string? minDcosReleaseVersion, string dcosVersion) =>
        string.IsNullOrEmpty(minDcosReleaseVersion) || Compare(minDcosReleaseVersion, dcosVersion) <= 0;

    private static int CompareComponent(string x, string y)
    {
        var xNumber = char.IsAsciiDigit(x[0]);
        var yNumber = char.IsAsciiDigit(y[0]);
        if (xNumber && yNumber)
        {
            var xv = decimal.Parse(x, NumberStyles.None, CultureInfo.InvariantCulture);
            var yv = decimal.Parse(y, NumberStyles.None, CultureInfo.InvariantCulture);
            return xv.CompareTo(yv);
        }

        return xNumber != yNumber ? (xNumber ? -1 : 1) : string.CompareOrdinal(x, y);
    }

    private static List<string> Components(string text)
    {
        var parts = new List<string>(4);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsAsciiDigit(text[i]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 28)
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(text[i]))
            {
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
                continue;
            }

            parts.Add(text[start..i]);
        }

        return parts;
    }
}
