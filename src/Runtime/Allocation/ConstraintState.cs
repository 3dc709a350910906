namespace Universe.Runtime.Allocation;

/// <summary>One constraint of one client with the client's task counts per field value (running plus placed).</summary>
internal sealed class ConstraintState(PlacementConstraint constraint)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public PlacementConstraint Constraint { get; } = constraint;

    /// <summary>GROUP_BY's answer can change as the client's own tasks are placed; the others only become stricter.</summary>
    public bool IsMonotone => Constraint.Operator != ConstraintOperator.GroupBy;

    public static string? ValueOf(string field, AllocationAgent agent) =>
        field == PlacementConstraint.HostnameField
            ? agent.Hostname
            : agent.Attributes.TryGetValue(field, out var value) ? value : null;

    public void Record(AllocationAgent agent)
    {
        var value = ValueOf(Constraint.Field, agent);
        if (value is not null)
        {
            _counts[value] = _counts.GetValueOrDefault(value) + 1;
        }
    }

    /// <summary>Marathon's <c>Constraints.meetsConstraint</c> for one more task on <paramref name="agent"/>.</summary>
    public bool IsMet(AllocationAgent agent)
    {
        var value = ValueOf(Constraint.Field, agent);
        if (value is null)
        {
            return Constraint.Operator == ConstraintOperator.Unlike;
        }

        switch (Constraint.Operator)
        {
            case ConstraintOperator.Like:
                return Constraint.Pattern!.IsMatch(value);
            case ConstraintOperator.Unlike:
                return !Constraint.Pattern!.IsMatch(value);
            case ConstraintOperator.Is:
                return value == Constraint.Value;
            case ConstraintOperator.Unique:
                return _counts.GetValueOrDefault(value) == 0;
            case ConstraintOperator.MaxPer:
                return _counts.GetValueOrDefault(value) < Constraint.Number;
            case ConstraintOperator.Cluster:
                return Constraint.Value is not null
                    ? value == Constraint.Value
                    : _counts.Count == 0 || _counts.ContainsKey(value);
            case ConstraintOperator.GroupBy:
                if (!_counts.TryGetValue(value, out var count))
                {
                    return true;
                }

                var min = int.MaxValue;
                foreach (var c in _counts.Values)
                {
                    min = Math.Min(min, c);
                }

                return _counts.Count >= Constraint.Number && count == min;
            default:
                return false;
        }
    }
}
