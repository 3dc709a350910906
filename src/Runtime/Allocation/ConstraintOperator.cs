namespace Universe.Runtime.Allocation;

/// <summary>Marathon constraint operators.</summary>
internal enum ConstraintOperator
{
    /// <summary>Every task on a different value of the field.</summary>
    Unique,

    /// <summary>All tasks on the value given (or, without a value, on the value of the first task).</summary>
    Cluster,

    /// <summary>Tasks spread evenly over the field's values (the optional value = expected number of values).</summary>
    GroupBy,

    /// <summary>The field's value matches the regular expression (whole value).</summary>
    Like,

    /// <summary>The field's value does not match the regular expression; agents without the attribute qualify.</summary>
    Unlike,

    /// <summary>At most the given number of tasks per value of the field.</summary>
    MaxPer,

    /// <summary>The field's value equals the value given.</summary>
    Is,
}
