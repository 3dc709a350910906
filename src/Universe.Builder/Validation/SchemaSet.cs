using Universe.Cosmos.Schemas;

namespace Universe.Builder.Validation;

/// <summary>
/// The JSON Schemas <c>validate</c> checks package files with: the tree's own <c>repo/meta/schema/*.json</c> where present
/// (upstream CI reads them from the tree), else the copies embedded in the builder (see <c>Schemas/SOURCE.md</c>), plus
/// Marathon's AppDefinition schema for rendered apps. Checked as draft 4 the way <c>jsonschema.Draft4Validator</c> does
/// (<see cref="Draft4Schema"/>).
/// </summary>
public sealed class SchemaSet
{
    public const string PackageFile = "package-schema.json";
    public const string CommandFile = "command-schema.json";
    public const string ConfigFile = "config-schema.json";
    public const string ResourceV2File = "v2-resource-schema.json";
    public const string ResourceV3File = "v3-resource-schema.json";
    public const string MarathonAppFile = "marathon-app-definition.json";

    private static readonly Lazy<Draft4Schema> EmbeddedMarathon = new(() => Draft4Schema.Parse(ReadEmbedded(MarathonAppFile)));
    private static readonly Dictionary<string, Lazy<Draft4Schema>> Embedded = new[] { PackageFile, CommandFile, ConfigFile, ResourceV2File, ResourceV3File }
        .ToDictionary(f => f, f => new Lazy<Draft4Schema>(() => Draft4Schema.Parse(ReadEmbedded(f))), StringComparer.Ordinal);

    private SchemaSet(IReadOnlyDictionary<string, Draft4Schema> schemas, IReadOnlyList<string> fromTree)
    {
        Package = schemas[PackageFile];
        Command = schemas[CommandFile];
        Config = schemas[ConfigFile];
        ResourceV2 = schemas[ResourceV2File];
        ResourceV3 = schemas[ResourceV3File];
        FromTree = fromTree;
    }

    public Draft4Schema Package { get; }
    public Draft4Schema Command { get; }
    public Draft4Schema Config { get; }
    public Draft4Schema ResourceV2 { get; }
    public Draft4Schema ResourceV3 { get; }

    /// <summary>Marathon's AppDefinition schema (the embedded copy).</summary>
    public static Draft4Schema MarathonApp => EmbeddedMarathon.Value;

    /// <summary>The schema files taken from the tree (the others are the embedded copies).</summary>
    public IReadOnlyList<string> FromTree { get; }

    /// <summary>The schemas for a tree whose schema directory is <paramref name="schemaDirectory"/> (absent: all embedded).</summary>
    /// <exception cref="FormatException">A schema file of the tree is not a usable schema.</exception>
    public static SchemaSet Load(string? schemaDirectory)
    {
        var schemas = new Dictionary<string, Draft4Schema>(StringComparer.Ordinal);
        var fromTree = new List<string>();
        foreach (var (file, embedded) in Embedded)
        {
            var path = schemaDirectory is null ? null : Path.Combine(schemaDirectory, file);
            if (path is not null && File.Exists(path))
            {
                try
                {
                    schemas[file] = Draft4Schema.Parse(File.ReadAllText(path));
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new FormatException($"{path} is not JSON: {e.Message}", e);
                }

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
