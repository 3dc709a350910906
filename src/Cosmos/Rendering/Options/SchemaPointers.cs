using NJsonSchema;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>JSON pointers of every sub-schema of a parsed schema (for the fge <c>schema.pointer</c> field).</summary>
internal static class SchemaPointers
{
    public static Dictionary<JsonSchema, string> Build(JsonSchema root)
    {
        var pointers = new Dictionary<JsonSchema, string>(ReferenceEqualityComparer.Instance);
        Visit(root, string.Empty, pointers);
        return pointers;
    }

    /// <summary>Escapes one pointer segment (RFC 6901).</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static void Visit(JsonSchema? schema, string pointer, Dictionary<JsonSchema, string> pointers)
    {
        if (schema is null || !pointers.TryAdd(schema, pointer))
        {
            return;
        }

        foreach (var (name, property) in schema.Properties)
        {
            Visit(property, $"{pointer}/properties/{Escape(name)}", pointers);
        }

        foreach (var (name, property) in schema.PatternProperties)
        {
            Visit(property, $"{pointer}/patternProperties/{Escape(name)}", pointers);
        }

        foreach (var (name, definition) in schema.Definitions)
        {
            Visit(definition, $"{pointer}/definitions/{Escape(name)}", pointers);
        }

        Visit(schema.Item, $"{pointer}/items", pointers);
        var index = 0;
        foreach (var item in schema.Items)
        {
            Visit(item, $"{pointer}/items/{index++}", pointers);
        }

        Visit(schema.AdditionalPropertiesSchema, $"{pointer}/additionalProperties", pointers);
        Visit(schema.AdditionalItemsSchema, $"{pointer}/additionalItems", pointers);
        Visit(schema.Not, $"{pointer}/not", pointers);
        VisitAll(schema.AllOf, $"{pointer}/allOf", pointers);
        VisitAll(schema.AnyOf, $"{pointer}/anyOf", pointers);
        VisitAll(schema.OneOf, $"{pointer}/oneOf", pointers);
    }

    private static void VisitAll(ICollection<JsonSchema> schemas, string pointer, Dictionary<JsonSchema, string> pointers)
    {
        var index = 0;
        foreach (var schema in schemas)
        {
            Visit(schema, $"{pointer}/{index++}", pointers);
        }
    }
}
