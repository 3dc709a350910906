using NJsonSchema;
using NJsonSchema.Generation;

namespace Universe.Cosmos.Rendering.Options;

/// <summary>Resolves only references inside the schema document; file and URL references are refused (no file or network access).</summary>
internal sealed class LocalReferenceResolver(JsonSchema schema)
    : JsonReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()))
{
    public override Task<NJsonSchema.References.IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"External schema reference '{filePath}' is not allowed.");

    public override Task<NJsonSchema.References.IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"External schema reference '{url}' is not allowed.");
}
