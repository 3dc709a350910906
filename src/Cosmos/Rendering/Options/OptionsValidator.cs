using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>
/// Validates options against a package <c>config</c> as JSON Schema draft 4 with NJsonSchema (cosmos-api.md §4.3),
/// reporting every error in the fge shape. The parsed schema is cached per <c>config</c> instance (parsing is the
/// expensive part); external <c>$ref</c>s are refused.
/// </summary>
public static class OptionsValidator
{
    private static readonly ConditionalWeakTable<JsonObject, ParsedSchema> Cache = [];

    /// <summary>Every validation error of <paramref name="instance"/> against <paramref name="config"/>; empty when valid.</summary>
    public static IReadOnlyList<JsonObject> Validate(JsonObject config, JsonObject instance)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(instance);
        var parsed = Cache.GetValue(config, Parse);
        if (parsed.Schema is null)
        {
            return [ValidationErrorFormatter.SchemaError(parsed.Error ?? "invalid schema")];
        }

        ICollection<ValidationError> errors;
        try
        {
            errors = parsed.Schema.Validate(ToJToken(instance));
        }
        catch (ArgumentException e)
        {
            // An unusable pattern (invalid even after the ECMA adaptation) is the schema's fault.
            return [ValidationErrorFormatter.SchemaError(e.Message)];
        }

        return errors.Count == 0 ? [] : [.. errors.Select(e => ValidationErrorFormatter.Format(e, parsed.Pointers))];
    }

    /// <summary>Parses a JSON Schema once (used for the Marathon app schema in tests and tooling as well).</summary>
    public static JsonSchema ParseSchema(string json)
    {
        // Completes synchronously: the resolver refuses every file or URL reference, so nothing is awaited on I/O.
        var schema = JsonSchema.FromJsonAsync(json, null, s => new LocalReferenceResolver(s), CancellationToken.None)
            .GetAwaiter().GetResult();
        foreach (var sub in SchemaPointers.Build(schema).Keys)
        {
            if (sub.Pattern is { } pattern)
            {
                sub.Pattern = EcmaRegex.ToDotNet(pattern);
            }
        }

        return schema;
    }

    /// <summary>A Newtonsoft token for NJsonSchema (dates stay strings, big integers exact).</summary>
    internal static JToken ToJToken(JsonNode node)
    {
        using var reader = new JsonTextReader(new StringReader(node.ToJsonString()))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
        return JToken.ReadFrom(reader);
    }

    private static ParsedSchema Parse(JsonObject config)
    {
        try
        {
            var schema = ParseSchema(config.ToJsonString());
            return new ParsedSchema(schema, SchemaPointers.Build(schema), null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or AggregateException)
        {
            return new ParsedSchema(null, [], e.Message);
        }
    }

    private sealed record ParsedSchema(JsonSchema? Schema, Dictionary<JsonSchema, string> Pointers, string? Error);
}
