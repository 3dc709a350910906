using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Services;

/// <summary>The bundled repository is valid against the upstream Universe schemas (read in place, never copied).</summary>
public sealed partial class BundledUniverseSchemaTests
{
    [UpstreamFact]
    public async Task EveryRevision_AgainstUpstreamSchemas_IsValid()
    {
        var schemaDir = Path.Combine(UpstreamUniverse.RootPath, "repo", "meta", "schema");
        var packageSchema = await JsonSchema.FromFileAsync(Path.Combine(schemaDir, "package-schema.json"));
        var configSchema = await JsonSchema.FromFileAsync(Path.Combine(schemaDir, "config-schema.json"));
        var v2Resource = await JsonSchema.FromFileAsync(Path.Combine(schemaDir, "v2-resource-schema.json"));
        var v3Resource = await JsonSchema.FromFileAsync(Path.Combine(schemaDir, "v3-resource-schema.json"));
        var commandSchema = await JsonSchema.FromFileAsync(Path.Combine(schemaDir, "command-schema.json"));
        var problems = new List<string>();

        foreach (var (_, _, _, dir) in BundledUniverse.Revisions())
        {
            var packageJson = await File.ReadAllTextAsync(Path.Combine(dir, "package.json"));
            Check(problems, dir, "package.json", packageSchema, packageJson);
            var packagingVersion = JsonNode.Parse(packageJson)!["packagingVersion"]!.GetValue<string>();
            CheckOptional(problems, dir, "config.json", configSchema);
            CheckOptional(problems, dir, "resource.json", packagingVersion == "2.0" ? v2Resource : v3Resource);
            CheckOptional(problems, dir, "command.json", commandSchema);
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryRevision_DirectoryLayout_MatchesPackageJson()
    {
        var problems = new List<string>();

        foreach (var (letter, name, revision, dir) in BundledUniverse.Revisions())
        {
            var package = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "package.json")))!.AsObject();
            if (package["name"]?.GetValue<string>() != name || letter.Length != 1 || letter[0] != char.ToUpperInvariant(name[0]) || !PackageName().IsMatch(name))
            {
                problems.Add($"{dir}: name/letter mismatch");
            }

            if (!long.TryParse(revision, out _))
            {
                problems.Add($"{dir}: revision is not an integer");
            }

            var version = package["packagingVersion"]!.GetValue<string>();
            if (version is not ("3.0" or "4.0"))
            {
                problems.Add($"{dir}: packagingVersion {version}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Bundled_Packages_CoverTheIntendedShapes()
    {
        var packages = BundledUniverse.Revisions()
            .Select(r => (r.Name, Dir: r.Path, Json: JsonNode.Parse(File.ReadAllText(Path.Combine(r.Path, "package.json")))!.AsObject()))
            .ToList();

        Assert.True(packages.Select(p => p.Name).Distinct().Count() >= 5);
        Assert.Contains(packages, p => !File.Exists(Path.Combine(p.Dir, "marathon.json.mustache"))
            && JsonNode.Parse(File.ReadAllText(Path.Combine(p.Dir, "resource.json")))!["cli"] is not null);
        Assert.Contains(packages, p => p.Json["upgradesFrom"] is JsonArray { Count: > 0 } && p.Json["downgradesTo"] is JsonArray { Count: > 0 });
        Assert.Contains(packages, p => p.Json["preInstallNotes"] is not null && p.Json["postInstallNotes"] is not null);
        Assert.All(packages, p => Assert.StartsWith(
            "data:image/svg+xml;base64,",
            JsonNode.Parse(File.ReadAllText(Path.Combine(p.Dir, "resource.json")))!["images"]!["icon-small"]!.GetValue<string>(),
            StringComparison.Ordinal));
    }

    private static void CheckOptional(List<string> problems, string dir, string file, JsonSchema schema)
    {
        var path = Path.Combine(dir, file);
        if (File.Exists(path))
        {
            Check(problems, dir, file, schema, File.ReadAllText(path));
        }
    }

    private static void Check(List<string> problems, string dir, string file, JsonSchema schema, string json)
    {
        foreach (var error in schema.Validate(json))
        {
            problems.Add($"{dir}/{file}: {error}");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex PackageName();
}
