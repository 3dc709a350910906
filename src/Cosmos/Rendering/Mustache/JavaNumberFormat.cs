using System.Globalization;
using System.Text;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// Prints a JSON number as Cosmos's mustache scope does (cosmos-api.md §4.4): an integral value as exact
/// BigInteger digits (<c>1.0</c> → <c>1</c>, <c>4200000000000000000</c> exact), anything else as Java's
/// <c>Double.toString</c> (<c>42.1</c>, <c>1.0E-5</c>).
/// </summary>
public static class JavaNumberFormat
{
    /// <summary>Integral values longer than this many digits are printed as a double, as a guard.</summary>
    private const int MaxIntegerDigits = 1000;

    /// <summary>Formats the JSON number text <paramref name="json"/>.</summary>
    public static string FormatJsonNumber(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var span = json.AsSpan();
        var negative = span.Length > 0 && span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var exponentAt = span.IndexOfAny('e', 'E');
        var mantissa = exponentAt < 0 ? span : span[..exponentAt];
        var exponent = 0L;
        if (exponentAt >= 0 && !long.TryParse(span[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return FormatDouble(double.Parse(json, CultureInfo.InvariantCulture));
        }

        var dot = mantissa.IndexOf('.');
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var fractionPart = dot < 0 ? [] : mantissa[(dot + 1)..];
        var digits = string.Concat(integerPart, fractionPart).TrimStart('0');
        exponent -= fractionPart.Length;
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        if (trimmed.Length == 0)
        {
            return "0";
        }

        if (exponent >= 0 && trimmed.Length + exponent <= MaxIntegerDigits)
        {
            var builder = new StringBuilder(trimmed.Length + (int)exponent + 1);
            if (negative)
            {
                builder.Append('-');
            }

            return builder.Append(trimmed).Append('0', (int)exponent).ToString();
        }

        return FormatDouble(double.Parse(json, CultureInfo.InvariantCulture));
    }

    /// <summary>Java's <c>Double.toString</c> (shortest round-trip digits).</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "R" gives the shortest digits, as d.ddddE+xx or plain; normalise to digits and a decimal exponent.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        var body = negative ? shortest[1..] : shortest;
        var e = body.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? body : body[..e];
        var exp = e < 0 ? 0 : int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var allDigits = intPart + fracPart;
        var pointPos = intPart.Length + exp; // position of the decimal point within allDigits
        var leading = allDigits.Length - allDigits.TrimStart('0').Length;
        allDigits = allDigits.TrimStart('0');
        pointPos -= leading;
        allDigits = allDigits.TrimEnd('0');
        if (allDigits.Length == 0)
        {
            allDigits = "0";
        }

        // The value is 0.allDigits × 10^pointPos; Java's decimal exponent is pointPos - 1.
        var sciExp = pointPos - 1;
        var abs = Math.Abs(value);
        var builder = new StringBuilder(32);
        if (negative)
        {
            builder.Append('-');
        }

        if (abs >= 1e-3 && abs < 1e7)
        {
            if (pointPos <= 0)
            {
                builder.Append("0.").Append('0', -pointPos).Append(allDigits);
            }
            else if (pointPos >= allDigits.Length)
            {
                builder.Append(allDigits).Append('0', pointPos - allDigits.Length).Append(".0");
            }
            else
            {
                builder.Append(allDigits, 0, pointPos).Append('.').Append(allDigits, pointPos, allDigits.Length - pointPos);
            }
        }
        else
        {
            builder.Append(allDigits[0]).Append('.');
            builder.Append(allDigits.Length > 1 ? allDigits[1..] : "0");
            builder.Append('E').Append(sciExp.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
