using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Packages;

/// <summary>
/// The files of one universe-tree revision directory (<c>repo/packages/&lt;L&gt;/&lt;name&gt;/&lt;N&gt;/</c>), as bytes, and
/// their assembly into a repo-JSON entry the way <c>gen_universe.py</c> does it: package.json, then
/// <c>releaseVersion</c>, <c>resource</c>, <c>marathon.v2AppMustacheTemplate</c> (base64), <c>config</c>, <c>command</c>.
/// Like the generator, an empty object file (<c>{}</c>) or an empty template adds nothing (Python's truthiness).
/// </summary>
public sealed record PackageRevisionFiles(
    long ReleaseVersion,
    byte[] PackageJson,
    byte[]? ResourceJson = null,
    byte[]? ConfigJson = null,
    byte[]? CommandJson = null,
    byte[]? MarathonTemplate = null)
{
    public const string PackageFile = "package.json";
    public const string ResourceFile = "resource.json";
    public const string ConfigFile = "config.json";
    public const string CommandFile = "command.json";
    public const string MarathonFile = "marathon.json.mustache";

    /// <summary>Builds the repo-JSON object (throws <see cref="JsonException"/> or <see cref="FormatException"/> on bad files).</summary>
    public JsonObject ToJson() => ToJson(static bytes => JsonTree.Parse(bytes));

    /// <summary>
    /// The same, with each JSON file's nodes from <paramref name="parse"/> (called with one of this revision's byte
    /// arrays): for a caller that has parsed the files already, with the rules of <see cref="ToJson()"/> (a repeated
    /// key is an error there), and keeps what it returns unchanged.
    /// </summary>
    public JsonObject ToJson(Func<byte[], JsonNode?> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var json = ParseObject(parse(PackageJson), PackageFile);
        json["releaseVersion"] = ReleaseVersion;
        AddObject(json, "resource", ResourceJson, ResourceFile, parse);
        if (MarathonTemplate is { Length: > 0 } template)
        {
            json["marathon"] = new JsonObject { ["v2AppMustacheTemplate"] = Convert.ToBase64String(template) };
        }

        AddObject(json, "config", ConfigJson, ConfigFile, parse);
        AddObject(json, "command", CommandJson, CommandFile, parse);
        return json;
    }

    private static void AddObject(JsonObject json, string key, byte[]? bytes, string file, Func<byte[], JsonNode?> parse)
    {
        if (bytes is not null && ParseObject(parse(bytes), file) is { Count: > 0 } value)
        {
            json[key] = value;
        }
    }

    /// <summary>Splits a package back into its tree files (the inverse of <see cref="ToJson()"/>).</summary>
    public static PackageRevisionFiles FromPackage(PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var rest = new JsonObject();
        byte[]? resource = null, config = null, command = null, template = null;
        foreach (var (key, value) in package.Json)
        {
            switch (key)
            {
                case "releaseVersion":
                    break;
                case "resource" when value is JsonObject:
                    resource = Serialize(value);
                    break;
                case "config" when value is JsonObject:
                    config = Serialize(value);
                    break;
                case "command" when value is JsonObject:
                    command = Serialize(value);
                    break;
                case "marathon" when value is JsonObject { Count: 1 } m && m["v2AppMustacheTemplate"] is JsonValue t && t.TryGetValue(out string? encoded):
                    template = Convert.FromBase64String(encoded);
                    break;
                default:
                    rest[key] = value?.DeepClone();
                    break;
            }
        }

        return new PackageRevisionFiles(package.ReleaseVersion, Serialize(rest), resource, config, command, template);
    }

    private static JsonObject ParseObject(JsonNode? node, string file) =>
        node as JsonObject ?? throw new FormatException($"{file} is not a JSON object");

    private static byte[] Serialize(JsonNode node) =>
        JsonSerializer.SerializeToUtf8Bytes(node, PackageJsonContext.Indented);
}
