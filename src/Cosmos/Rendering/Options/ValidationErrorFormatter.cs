using System.Globalization;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>Turns NJsonSchema errors into fge-style report objects (cosmos-api.md §4.3).</summary>
internal static class ValidationErrorFormatter
{
    public static JsonObject SchemaError(string message) => new()
    {
        ["level"] = "fatal",
        ["schema"] = new JsonObject { ["loadingURI"] = "#", ["pointer"] = string.Empty },
        ["instance"] = new JsonObject { ["pointer"] = string.Empty },
        ["domain"] = "syntax",
        ["keyword"] = "$schema",
        ["message"] = $"the options schema is invalid: {message}",
    };

    public static JsonObject Format(ValidationError error, Dictionary<JsonSchema, string> pointers)
    {
        var schema = error.Schema;
        var schemaPointer = schema is not null && pointers.TryGetValue(schema, out var p) ? p
            : schema?.ActualSchema is { } actual && pointers.TryGetValue(actual, out var a) ? a
            : string.Empty;
        var token = error.Token;
        var (keyword, message, extras) = Describe(error, schema?.ActualSchema, token);
        var result = new JsonObject
        {
            ["level"] = "error",
            ["schema"] = new JsonObject { ["loadingURI"] = "#", ["pointer"] = schemaPointer },
            ["instance"] = new JsonObject { ["pointer"] = InstancePointer(error) },
            ["domain"] = "validation",
            ["keyword"] = keyword,
            ["message"] = message,
        };
        foreach (var (key, value) in extras)
        {
            result[key] = value;
        }

        if (error is ChildSchemaValidationError { Errors.Count: > 0 } child)
        {
            var reports = new JsonObject();
            foreach (var (childSchema, childErrors) in child.Errors)
            {
                var key = pointers.TryGetValue(childSchema, out var cp) ? cp : $"{schemaPointer}/{reports.Count}";
                reports[key] = new JsonArray([.. childErrors.Select(e => (JsonNode?)Format(e, pointers))]);
            }

            result["reports"] = reports;
        }

        return result;
    }

    private static string InstancePointer(ValidationError error)
    {
        var token = error.Token;
        var pointer = token is null ? string.Empty : Pointer(token);
        return error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && token is not null && token.Parent is JProperty property && property.Name == error.Property
                ? Pointer(property.Parent!)
                : pointer;
    }

    private static string Pointer(JToken token)
    {
        var segments = new List<string>();
        for (var current = token; current.Parent is not null; current = current.Parent)
        {
            switch (current.Parent)
            {
                case JProperty property:
                    segments.Add(SchemaPointers.Escape(property.Name));
                    current = property;
                    break;
                case JArray array:
                    segments.Add(array.IndexOf(current).ToString(CultureInfo.InvariantCulture));
                    break;
            }

            if (current.Parent is null)
            {
                break;
            }
        }

        segments.Reverse();
        return segments.Count == 0 ? string.Empty : "/" + string.Join('/', segments);
    }

    private static (string Keyword, string Message, IEnumerable<KeyValuePair<string, JsonNode?>> Extras) Describe(
        ValidationError error, JsonSchema? schema, JToken? token)
    {
        var found = TypeName(token);
        var text = token?.ToString(Newtonsoft.Json.Formatting.None) ?? "null";
        switch (error.Kind)
        {
            case ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates:
                var expected = ExpectedTypes(schema, error.Kind);
                return ("type",
                    $"instance type ({found}) does not match any allowed primitive type (allowed: [{string.Join(',', expected.Select(t => $"\"{t}\""))}])",
                    [new("found", found), new("expected", new JsonArray([.. expected.Select(t => (JsonNode?)t)]))]);
            case ValidationErrorKind.PropertyRequired:
                return ("required", $"object has missing required properties ([\"{error.Property}\"])",
                    [new("required", new JsonArray([.. (schema?.RequiredProperties ?? []).Select(r => (JsonNode?)r)])), new("missing", new JsonArray(error.Property))]);
            case ValidationErrorKind.NoAdditionalPropertiesAllowed or ValidationErrorKind.AdditionalPropertiesNotValid:
                return ("additionalProperties", $"object instance has properties which are not allowed by the schema: [\"{error.Property}\"]",
                    [new("unwanted", new JsonArray(error.Property))]);
            case ValidationErrorKind.NotInEnumeration:
                return ("enum", $"instance value ({text}) not found in enum (possible values: [{string.Join(',', schema?.Enumeration.Select(Print) ?? [])}])", []);
            case ValidationErrorKind.PatternMismatch:
                return ("pattern", $"ECMA 262 regex \"{schema?.Pattern}\" does not match input string {text}", [new("regex", schema?.Pattern), new("string", token?.ToString())]);
            case ValidationErrorKind.NumberTooSmall:
                return ("minimum", $"numeric instance is lower than the required minimum (minimum: {schema?.Minimum}, found: {text})", []);
            case ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig:
                return ("maximum", $"numeric instance is greater than the required maximum (maximum: {schema?.Maximum}, found: {text})", []);
            case ValidationErrorKind.StringTooShort:
                return ("minLength", $"string {text} is too short (length: {token?.ToString().Length}, required minimum: {schema?.MinLength})", []);
            case ValidationErrorKind.StringTooLong:
                return ("maxLength", $"string {text} is too long (length: {token?.ToString().Length}, maximum allowed: {schema?.MaxLength})", []);
            case ValidationErrorKind.TooFewItems:
                return ("minItems", $"array is too short: must have at least {schema?.MinItems} elements but instance has {(token as JArray)?.Count} elements", []);
            case ValidationErrorKind.TooManyItems or ValidationErrorKind.TooManyItemsInTuple:
                return ("maxItems", $"array is too long: must have at most {schema?.MaxItems} elements but instance has {(token as JArray)?.Count} elements", []);
            case ValidationErrorKind.ItemsNotUnique:
                return ("uniqueItems", "array must not contain duplicate elements", []);
            case ValidationErrorKind.TooFewProperties:
                return ("minProperties", $"object has too few properties (found {(token as JObject)?.Count} but schema requires at least {schema?.MinProperties})", []);
            case ValidationErrorKind.TooManyProperties:
                return ("maxProperties", $"object has too many properties (found {(token as JObject)?.Count} but schema requires at most {schema?.MaxProperties})", []);
            case ValidationErrorKind.NumberNotMultipleOf or ValidationErrorKind.IntegerNotMultipleOf:
                return ("multipleOf", $"remainder of division is not zero ({text} / {schema?.MultipleOf})", []);
            case ValidationErrorKind.NotAnyOf:
                return ("anyOf", "instance failed to match at least one required schema among the anyOf alternatives", []);
            case ValidationErrorKind.NotAllOf:
                return ("allOf", "instance failed to match all required schemas", []);
            case ValidationErrorKind.NotOneOf:
                return ("oneOf", "instance failed to match exactly one schema", []);
            case ValidationErrorKind.ExcludedSchemaValidates:
                return ("not", "instance matched a schema which it should not have", []);
            case ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid:
                return ("items", "array item is not valid against the items schema", []);
            case ValidationErrorKind.DateTimeExpected or ValidationErrorKind.DateExpected or ValidationErrorKind.TimeExpected
                or ValidationErrorKind.TimeSpanExpected or ValidationErrorKind.UriExpected or ValidationErrorKind.IpV4Expected
                or ValidationErrorKind.IpV6Expected or ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected
                or ValidationErrorKind.EmailExpected or ValidationErrorKind.HostnameExpected or ValidationErrorKind.Base64Expected:
                return ("format", $"string {text} is invalid against requested format \"{schema?.Format}\"", [new("attribute", schema?.Format)]);
            default:
                return (error.Kind.ToString(), error.ToString(), []);
        }
    }

    private static string[] ExpectedTypes(JsonSchema? schema, ValidationErrorKind kind)
    {
        var type = schema?.Type ?? JsonObjectType.None;
        var names = Enum.GetValues<JsonObjectType>()
            .Where(t => t is not JsonObjectType.None and not JsonObjectType.File && type.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant())
            .Order(StringComparer.Ordinal)
            .ToArray();
        return names.Length > 0 ? names : [kind.ToString().Replace("Expected", string.Empty, StringComparison.Ordinal).ToLowerInvariant()];
    }

    private static string TypeName(JToken? token) => token?.Type switch
    {
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.String => "string",
        JTokenType.Boolean => "boolean",
        _ => "null",
    };

    private static string Print(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
