using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;
using Universe.Cosmos.Rendering.Options;

namespace Universe.Builder.Validation;

/// <summary>
/// The JSON Schemas <c>validate</c> checks package files with: the tree's own <c>repo/meta/schema/*.json</c> where present
/// (upstream CI reads them from the tree), else the copies embedded in the builder (see <c>Schemas/SOURCE.md</c>), plus
/// Marathon's AppDefinition schema for rendered apps. Checked as draft 4 without <c>format</c> assertions, as
/// <c>jsonschema.Draft4Validator</c> does when given no format checker.
/// </summary>
public sealed class SchemaSet
{
    public const string PackageFile = "package-schema.json";
    public const string CommandFile = "command-schema.json";
    public const string ConfigFile = "config-schema.json";
    public const string ResourceV2File = "v2-resource-schema.json";
    public const string ResourceV3File = "v3-resource-schema.json";
    public const string MarathonAppFile = "marathon-app-definition.json";

    private static readonly JsonSchemaValidatorSettings NoFormats = new() { FormatValidators = [] };
    private static readonly Lazy<JsonSchema> EmbeddedMarathon = new(() => OptionsValidator.ParseSchema(ReadEmbedded(MarathonAppFile)));
    private static readonly Dictionary<string, Lazy<JsonSchema>> Embedded = new[] { PackageFile, CommandFile, ConfigFile, ResourceV2File, ResourceV3File }
        .ToDictionary(f => f, f => new Lazy<JsonSchema>(() => OptionsValidator.ParseSchema(ReadEmbedded(f))), StringComparer.Ordinal);

    private SchemaSet(IReadOnlyDictionary<string, JsonSchema> schemas, IReadOnlyList<string> fromTree)
    {
        Package = schemas[PackageFile];
        Command = schemas[CommandFile];
        Config = schemas[ConfigFile];
        ResourceV2 = schemas[ResourceV2File];
        ResourceV3 = schemas[ResourceV3File];
        FromTree = fromTree;
    }

    public JsonSchema Package { get; }
    public JsonSchema Command { get; }
    public JsonSchema Config { get; }
    public JsonSchema ResourceV2 { get; }
    public JsonSchema ResourceV3 { get; }

    /// <summary>Marathon's AppDefinition schema (always the embedded copy; format assertions on, as Marathon's docs tooling).</summary>
    public static JsonSchema MarathonApp => EmbeddedMarathon.Value;

    /// <summary>The schema files taken from the tree (the others are the embedded copies).</summary>
    public IReadOnlyList<string> FromTree { get; }

    /// <summary>The schemas for a tree whose schema directory is <paramref name="schemaDirectory"/> (absent: all embedded).</summary>
    public static SchemaSet Load(string? schemaDirectory)
    {
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var fromTree = new List<string>();
        foreach (var (file, embedded) in Embedded)
        {
            var path = schemaDirectory is null ? null : Path.Combine(schemaDirectory, file);
            if (path is not null && File.Exists(path))
            {
                schemas[file] = OptionsValidator.ParseSchema(File.ReadAllText(path));
                fromTree.Add(file);
            }
            else
            {
                schemas[file] = embedded.Value;
            }
        }

        fromTree.Sort(StringComparer.Ordinal);
        return new SchemaSet(schemas, fromTree);
    }

    /// <summary>Draft-4 errors of <paramref name="instance"/> against <paramref name="schema"/>, formats not asserted.</summary>
    public static ICollection<ValidationError> Check(JsonSchema schema, JToken instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Validate(instance, NoFormats);
    }

    /// <summary>The text of an embedded schema file.</summary>
    public static string ReadEmbedded(string file)
    {
        var assembly = typeof(SchemaSet).Assembly;
        using var stream = assembly.GetManifestResourceStream("Universe.Builder.Schemas." + file)
            ?? throw new InvalidOperationException($"The embedded schema {file} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
