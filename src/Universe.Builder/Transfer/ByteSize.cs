using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Universe.Builder.Transfer;

/// <summary>Sizes like <c>4G</c>, <c>700M</c>, <c>512K</c> or plain bytes (binary multiples).</summary>
public static class ByteSize
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out long? bytes)
    {
        bytes = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim().ToUpperInvariant().TrimEnd('B').TrimEnd('I');
        var multiplier = text.Length > 0 ? text[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L } : 1L;
        var number = multiplier == 1 ? text : text[..^1];
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        // Beyond what a long holds is still a size: larger than any part will ever be (callers cap it).
        var result = value > long.MaxValue / (decimal)multiplier ? long.MaxValue : (long)(value * multiplier);
        if (result < 1)
        {
            return false;
        }

        bytes = result;
        return true;
    }
}
