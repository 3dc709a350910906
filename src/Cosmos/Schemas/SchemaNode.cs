using System.Text.Json;
using System.Text.RegularExpressions;

namespace Universe.Cosmos.Schemas;

/// <summary>One compiled schema object of a <see cref="Draft4Schema"/> (the keywords it uses, children compiled).</summary>
internal sealed partial class SchemaNode(Draft4Schema owner)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private bool _alwaysFalse;
    private SchemaNode? _resolved;
    private JsonTypes _types = JsonTypes.Any;
    private Dictionary<string, SchemaNode>? _properties;
    private (Regex Pattern, SchemaNode Schema)[]? _patternProperties;
    private SchemaNode? _additionalProperties;
    private bool _noAdditionalProperties;
    private SchemaNode? _items;
    private SchemaNode[]? _tupleItems;
    private SchemaNode? _additionalItems;
    private bool _noAdditionalItems;
    private string[]? _required;
    private JsonElement[]? _enum;
    private Regex? _pattern;
    private int? _minLength, _maxLength, _minItems, _maxItems, _minProperties, _maxProperties;
    private bool _uniqueItems;
    private double? _minimum, _maximum, _multipleOf;
    private bool _exclusiveMinimum, _exclusiveMaximum;
    private SchemaNode[]? _allOf, _anyOf, _oneOf;
    private SchemaNode? _not;
    private Dictionary<string, string[]>? _propertyDependencies;
    private Dictionary<string, SchemaNode>? _schemaDependencies;

    /// <summary>The <c>$ref</c> of this schema object, or null.</summary>
    public string? Reference { get; private set; }

    public void ResolveReference(SchemaNode target) => _resolved = target;

    public void Load(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.False)
        {
            _alwaysFalse = true;
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref" when value.ValueKind == JsonValueKind.String:
                    Reference = value.GetString();
                    owner.UsesReferences = true;
                    owner.AddReference(this);
                    break;
                case "format":
                    owner.UsesFormat = true;
                    break;
                case "required" when value.ValueKind != JsonValueKind.Array:
                    owner.UsesDraft3Required = true;
                    break;
                case "type":
                    _types = JsonTypesOf(value);
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    _properties = value.EnumerateObject().ToDictionary(p => p.Name, p => owner.Compile(p.Value), StringComparer.Ordinal);
                    break;
                case "patternProperties" when value.ValueKind == JsonValueKind.Object:
                    _patternProperties = [.. value.EnumerateObject().Select(p => (Regex(owner.PatternTranslator(p.Name)), owner.Compile(p.Value)))];
                    break;
                case "additionalProperties":
                    (_additionalProperties, _noAdditionalProperties) = BoolOrSchema(value);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    _tupleItems = Compile(value);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Object:
                    _items = owner.Compile(value);
                    break;
                case "additionalItems":
                    (_additionalItems, _noAdditionalItems) = BoolOrSchema(value);
                    break;
                case "required" when value.ValueKind == JsonValueKind.Array:
                    _required = [.. value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)];
                    break;
                case "enum" when value.ValueKind == JsonValueKind.Array:
                    _enum = [.. value.EnumerateArray()];
                    break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    _pattern = Regex(owner.PatternTranslator(value.GetString()!));
                    break;
                case "minLength": _minLength = Int(value); break;
                case "maxLength": _maxLength = Int(value); break;
                case "minItems": _minItems = Int(value); break;
                case "maxItems": _maxItems = Int(value); break;
                case "minProperties": _minProperties = Int(value); break;
                case "maxProperties": _maxProperties = Int(value); break;
                case "uniqueItems": _uniqueItems = value.ValueKind == JsonValueKind.True; break;
                case "minimum": _minimum = Number(value); break;
                case "maximum": _maximum = Number(value); break;
                case "multipleOf": _multipleOf = Number(value); break;
                case "exclusiveMinimum": _exclusiveMinimum = value.ValueKind == JsonValueKind.True; break;
                case "exclusiveMaximum": _exclusiveMaximum = value.ValueKind == JsonValueKind.True; break;
                case "allOf" when value.ValueKind == JsonValueKind.Array:
                    _allOf = Compile(value);
                    break;
                case "anyOf" when value.ValueKind == JsonValueKind.Array:
                    _anyOf = Compile(value);
                    break;
                case "oneOf" when value.ValueKind == JsonValueKind.Array:
                    _oneOf = Compile(value);
                    break;
                case "not" when value.ValueKind == JsonValueKind.Object:
                    _not = owner.Compile(value);
                    break;
                case "dependencies" when value.ValueKind == JsonValueKind.Object:
                    LoadDependencies(value);
                    break;
            }
        }
    }

    private void LoadDependencies(JsonElement value)
    {
        foreach (var dependency in value.EnumerateObject())
        {
            if (dependency.Value.ValueKind == JsonValueKind.Array)
            {
                (_propertyDependencies ??= new(StringComparer.Ordinal))[dependency.Name] =
                    [.. dependency.Value.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!)];
            }
            else if (dependency.Value.ValueKind == JsonValueKind.Object)
            {
                (_schemaDependencies ??= new(StringComparer.Ordinal))[dependency.Name] = owner.Compile(dependency.Value);
            }
        }
    }

    private SchemaNode[] Compile(JsonElement array) =>
        [.. array.EnumerateArray().Select(item => owner.Compile(item))];

    private (SchemaNode? Schema, bool Forbidden) BoolOrSchema(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.False => (null, true),
        JsonValueKind.Object => (owner.Compile(value), false),
        _ => (null, false),
    };

    private static Regex Regex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"pattern [{pattern}] is not a valid regular expression: {e.Message}", e);
        }
    }

    private static int? Int(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static JsonTypes JsonTypesOf(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return TypeOf(type.GetString());
        }

        var types = JsonTypes.None;
        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                types |= item.ValueKind == JsonValueKind.String ? TypeOf(item.GetString()) : JsonTypes.None;
            }
        }

        return type.ValueKind == JsonValueKind.Array ? types : JsonTypes.Any;
    }

    private static JsonTypes TypeOf(string? name) => name switch
    {
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "string" => JsonTypes.String,
        "number" => JsonTypes.Number | JsonTypes.Integer,
        "integer" => JsonTypes.Integer,
        "boolean" => JsonTypes.Boolean,
        "null" => JsonTypes.Null,
        "any" => JsonTypes.Any,
        _ => JsonTypes.None,
    };
}
