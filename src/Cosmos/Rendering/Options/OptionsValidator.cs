using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Universe.Cosmos.Schemas;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>
/// Validates options against a package <c>config</c> as JSON Schema draft 4 with NJsonSchema (cosmos-api.md §4.3),
/// reporting every error in the fge shape. The parsed schema is cached per <c>config</c> instance (parsing is the
/// expensive part); external <c>$ref</c>s are refused.
/// </summary>
public static class OptionsValidator
{
    private static readonly ConditionalWeakTable<JsonObject, ParsedSchema> Cache = [];
    private static readonly ConditionalWeakTable<JsonObject, FastSchema> FastCache = [];

    /// <summary>Every validation error of <paramref name="instance"/> against <paramref name="config"/>; empty when valid.</summary>
    public static IReadOnlyList<JsonObject> Validate(JsonObject config, JsonObject instance)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(instance);
        if (FastCache.GetValue(config, CompileFast).Schema is { } fast && fast.IsValid(JsonSerializer.SerializeToElement(instance)))
        {
            return [];
        }

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

    /// <summary>
    /// The fast path: a <see cref="Draft4Schema"/> decides "valid" on its own for schemas whose every keyword it checks at
    /// least as strictly as NJsonSchema (no <c>format</c>, <c>$ref</c> or boolean <c>required</c>); anything it rejects,
    /// and every other schema, goes to NJsonSchema, which gives the errors in the fge shape.
    /// </summary>
    private static FastSchema CompileFast(JsonObject config)
    {
        try
        {
            var schema = Draft4Schema.Parse(JsonSerializer.SerializeToElement(config), EcmaRegex.ToDotNet);
            return new FastSchema(schema.UsesFormat || schema.UsesReferences || schema.UsesDraft3Required ? null : schema);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return new FastSchema(null);
        }
    }

    private sealed record FastSchema(Draft4Schema? Schema);

    private sealed record ParsedSchema(JsonSchema? Schema, Dictionary<JsonSchema, string> Pointers, string? Error);
}
