using System.Text.Json;

namespace Universe.Cosmos.Schemas;

/// <summary>
/// A JSON Schema draft 4 compiled for fast, allocation-light validation of <see cref="JsonElement"/>s, with the
/// semantics of Python's <c>jsonschema.Draft4Validator</c> that the Universe tooling used: <c>integer</c> is a number
/// written without fraction or exponent, <c>pattern</c> searches (unanchored), <c>format</c> is not asserted, and
/// <c>$ref</c> resolves only inside the schema document (<c>#</c>, <c>#/definitions/…</c>; ids are not base URIs, nothing
/// is fetched). Immutable and thread-safe once built (references are resolved while compiling).
/// </summary>
public sealed class Draft4Schema
{
    private readonly Dictionary<string, SchemaNode> _byPointer = new(StringComparer.Ordinal);
    private readonly Queue<SchemaNode> _unresolved = new();
    private readonly JsonElement _document;
    private readonly SchemaNode _root;

    private Draft4Schema(JsonElement document, Func<string, string>? patternTranslator)
    {
        _document = document;
        PatternTranslator = patternTranslator ?? (p => p);
        _root = Compile(document, string.Empty);

        // Resolve every $ref now (targets may add more), so validation never compiles: the schema is immutable from here.
        while (_unresolved.Count > 0)
        {
            var node = _unresolved.Dequeue();
            node.ResolveReference(Resolve(node.Reference!));
        }
    }

    /// <summary>Whether some schema object uses <c>format</c> (which this validator does not assert).</summary>
    public bool UsesFormat { get; internal set; }

    /// <summary>Whether some schema object uses <c>$ref</c>.</summary>
    public bool UsesReferences { get; internal set; }

    /// <summary>Whether some schema object has a <c>required</c> that is not an array (draft 3's boolean form, ignored here).</summary>
    public bool UsesDraft3Required { get; internal set; }

    internal Func<string, string> PatternTranslator { get; }

    /// <summary>
    /// Compiles the schema in <paramref name="json"/>; <paramref name="patternTranslator"/> adapts <c>pattern</c>s to .NET
    /// syntax (default: used as written). Throws <see cref="JsonException"/> or <see cref="FormatException"/>.
    /// </summary>
    public static Draft4Schema Parse(string json, Func<string, string>? patternTranslator = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return new Draft4Schema(document.RootElement.Clone(), patternTranslator);
    }

    /// <summary>Compiles the schema <paramref name="schema"/> (cloned).</summary>
    public static Draft4Schema Parse(JsonElement schema, Func<string, string>? patternTranslator = null) => new(schema.Clone(), patternTranslator);

    /// <summary>Every error of <paramref name="instance"/> (up to <paramref name="maxErrors"/>); empty when valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance, int maxErrors = 50)
    {
        var errors = new List<SchemaError>();
        _root.Validate(instance, new InstancePath(), errors, maxErrors);
        return errors;
    }

    /// <summary>Whether <paramref name="instance"/> is valid.</summary>
    public bool IsValid(JsonElement instance) => _root.Validate(instance, new InstancePath(), null, 1);

    /// <summary>Compiles a schema object; <paramref name="pointer"/> (only for <c>$ref</c> targets and the root) memoises it, so recursive references terminate.</summary>
    internal SchemaNode Compile(JsonElement element, string? pointer = null)
    {
        if (pointer is not null && _byPointer.TryGetValue(pointer, out var known))
        {
            return known;
        }

        var node = new SchemaNode(this);
        if (pointer is not null)
        {
            _byPointer[pointer] = node;
        }

        node.Load(element);
        return node;
    }

    /// <summary>Queues <paramref name="node"/>'s <c>$ref</c> for resolution once compiling is done.</summary>
    internal void AddReference(SchemaNode node) => _unresolved.Enqueue(node);

    private SchemaNode Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new FormatException($"$ref [{reference}] points outside the schema; only local references (#...) are resolved");
        }

        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (_byPointer.TryGetValue(pointer, out var node))
        {
            return node;
        }

        var target = _document;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            target = target.ValueKind switch
            {
                JsonValueKind.Object when target.TryGetProperty(name, out var child) => child,
                JsonValueKind.Array when int.TryParse(name, out var index) && index >= 0 && index < target.GetArrayLength() => target[index],
                _ => throw new FormatException($"$ref [{reference}] does not resolve inside the schema"),
            };
        }

        return Compile(target, pointer);
    }
}
