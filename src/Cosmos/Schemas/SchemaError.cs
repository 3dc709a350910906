namespace Universe.Cosmos.Schemas;

/// <summary>
/// One draft-4 validation error: where in the instance (a JSON Pointer, <c>""</c> for the root), which keyword failed,
/// and a message; for <c>anyOf</c>/<c>oneOf</c> the errors of the closest branch.
/// </summary>
public sealed record SchemaError(string InstancePointer, string Keyword, string Message, IReadOnlyList<SchemaError> Causes)
{
    public override string ToString()
    {
        var text = $"{Keyword} at '{InstancePointer}': {Message}";
        return Causes.Count == 0 ? text : $"{text} [{string.Join("; ", Causes.Take(5))}{(Causes.Count > 5 ? "; …" : string.Empty)}]";
    }
}
