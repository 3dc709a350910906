using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Universe.Runtime.Allocation;

/// <summary>
/// A Marathon placement constraint <c>[field, OPERATOR, value?]</c>; the field is <c>hostname</c> or an agent
/// attribute name. Build with <see cref="TryCreate"/> (it checks the value and compiles regular expressions).
/// </summary>
internal sealed record PlacementConstraint
{
    /// <summary>The field name meaning the agent's host name.</summary>
    public const string HostnameField = "hostname";

    private PlacementConstraint(string field, ConstraintOperator op, string? value, Regex? regex, int number)
    {
        Field = field;
        Operator = op;
        Value = value;
        Pattern = regex;
        Number = number;
    }

    public string Field { get; }

    public ConstraintOperator Operator { get; }

    public string? Value { get; }

    /// <summary>The compiled whole-value pattern of LIKE/UNLIKE.</summary>
    internal Regex? Pattern { get; }

    /// <summary>MAX_PER's limit or GROUP_BY's expected group count (0 when not given).</summary>
    internal int Number { get; }

    /// <summary>Creates a constraint; throws <see cref="ArgumentException"/> when invalid.</summary>
    public static PlacementConstraint Create(string field, ConstraintOperator op, string? value = null) =>
        TryCreate(field, op, value, out var result, out var error) ? result : throw new ArgumentException(error);

    /// <summary>Parses the Marathon JSON form <c>["field","OPERATOR","value"]</c> (operator case-insensitive).</summary>
    public static bool TryParse(IReadOnlyList<string> parts, [NotNullWhen(true)] out PlacementConstraint? result, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(parts);
        result = null;
        if (parts.Count is < 2 or > 3)
        {
            error = "Each constraint must have either 2 or 3 fields";
            return false;
        }

        var op = parts[1].ToUpperInvariant() switch
        {
            "UNIQUE" => ConstraintOperator.Unique,
            "CLUSTER" => ConstraintOperator.Cluster,
            "GROUP_BY" => ConstraintOperator.GroupBy,
            "LIKE" => ConstraintOperator.Like,
            "UNLIKE" => ConstraintOperator.Unlike,
            "MAX_PER" => ConstraintOperator.MaxPer,
            "IS" => ConstraintOperator.Is,
            _ => (ConstraintOperator?)null,
        };
        if (op is null)
        {
            error = $"Constraint operator {parts[1]} is not supported";
            return false;
        }

        return TryCreate(parts[0], op.Value, parts.Count == 3 ? parts[2] : null, out result, out error);
    }

    /// <summary>Creates a constraint; false with a Marathon-style message when the value is missing or invalid.</summary>
    public static bool TryCreate(string field, ConstraintOperator op, string? value, [NotNullWhen(true)] out PlacementConstraint? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrEmpty(field))
        {
            error = "Constraint field must not be empty";
            return false;
        }

        Regex? regex = null;
        var number = 0;
        switch (op)
        {
            case ConstraintOperator.Like or ConstraintOperator.Unlike or ConstraintOperator.Is:
                if (string.IsNullOrEmpty(value))
                {
                    error = $"Constraint {op} requires a value";
                    return false;
                }

                if (op != ConstraintOperator.Is)
                {
                    try
                    {
                        regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException)
                    {
                        error = "Invalid regular expression " + value;
                        return false;
                    }
                }

                break;
            case ConstraintOperator.MaxPer:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
                {
                    error = "MAX_PER requires a positive integer value";
                    return false;
                }

                break;
            case ConstraintOperator.GroupBy when !string.IsNullOrEmpty(value):
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number))
                {
                    error = "GROUP_BY value must be an integer";
                    return false;
                }

                break;
            default:
                break;
        }

        result = new PlacementConstraint(field, op, string.IsNullOrEmpty(value) ? null : value, regex, number);
        error = null;
        return true;
    }

    public override string ToString() => Value is null ? $"[{Field}, {Operator}]" : $"[{Field}, {Operator}, {Value}]";
}
