namespace Universe.Runtime.Apps;

/// <summary>
/// Collects errors per JSON path in Marathon's shape. Type errors (a string where a number belongs) make the
/// request a 400 "Invalid JSON"; semantic errors make it a 422 "Object is not valid".
/// </summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasTypeErrors { get; private set; }

    public bool IsEmpty => _errors.Count == 0;

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public void Add(string path, string error)
    {
        if (!_errors.TryGetValue(path, out var list))
        {
            list = [];
            _errors[path] = list;
        }

        if (!list.Contains(error))
        {
            list.Add(error);
        }
    }

    public void AddTypeError(string path, string error)
    {
        HasTypeErrors = true;
        Add(path, error);
    }
}
