using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Builder.Validation;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Builder.Tests.Upstream;

/// <summary>
/// The full public Universe (../shared/universe-upstream, 185 packages, 1,235 revisions) against the facts of the upstream
/// generator's output for this commit (universe-format.md §3, §7): skipped with a message where absent, failing in CI.
/// </summary>
public sealed class UpstreamTreeTests : IClassFixture<UpstreamTreeTests.Built>
{
    private readonly Built _built;

    public UpstreamTreeTests(Built built) => _built = built;

    [UpstreamFact]
    public void Validate_UpstreamTree_NoErrorsAndTheInstallTimeWarnings()
    {
        var result = TreeValidator.Validate(UpstreamUniverse.RootPath, ValidationOptions.Full, CancellationToken.None);
        var counts = result.CountsByCode().ToDictionary(c => c.Key, c => c.Value);

        Assert.Equal(1235, result.Revisions);
        Assert.True(result.Errors == 0, string.Join("\n", result.Findings.Where(f => f.Severity == FindingSeverity.Error).Take(10)));
        Assert.Equal(116, counts[FindingCodes.DefaultsInvalid]);
        Assert.Equal(8, counts[FindingCodes.TemplateNotJson]);
        Assert.Equal(32 + 2, counts[FindingCodes.HiddenEverywhere]);
        Assert.True(counts[FindingCodes.FloatingImageTag] > 0);
        Assert.True(counts[FindingCodes.DuplicateVersion] > 0);
        Assert.Equal(11, result.SchemasFromTree.Count + 6);
    }

    [UpstreamFact]
    public void Build_UpstreamTree_PackagesPerFileAsUpstream()
    {
        int[] expected = [552, 816, 958, 1075, 1180, 1195, 1201];

        var counts = DcosVersions.Default.Select(v => Entries(RepoGenerator.RepoFileName(v)).Count).ToArray();

        Assert.Equal(expected, counts);
        Assert.Equal(1235, Entries(RepoGenerator.UniverseFile).Count);
        Assert.Empty(Entries(RepoGenerator.EmptyFile));
    }

    [UpstreamFact]
    public void Build_UpstreamTree_PerPackageFilesSplitEachRepoFile()
    {
        foreach (var version in DcosVersions.Default)
        {
            var repo = Entries(RepoGenerator.RepoFileName(version));
            var names = repo.Select(p => (string)p["name"]!).Distinct().Order(StringComparer.Ordinal).ToArray();
            var files = Directory.EnumerateFiles(Path.Combine(_built.Output, version, "package")).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();

            Assert.Equal(names, files);
            foreach (var name in names.Take(40))
            {
                var split = Entries(RepoGenerator.PackageFileName(version, name!));
                Assert.Equal(repo.Where(p => (string)p["name"]! == name).Select(p => p.ToJsonString()), split.Select(p => p.ToJsonString()));
            }
        }
    }

    [UpstreamFact]
    public void Build_UpstreamTree_UniverseEntriesAreTheSourceFilesAssembled()
    {
        var mismatches = new List<string>();
        var duplicateKeys = 0;
        foreach (var entry in Entries(RepoGenerator.UniverseFile))
        {
            var name = (string)entry["name"]!;
            var release = (long)entry["releaseVersion"]!;
            var directory = Path.Combine(UpstreamUniverse.PackagesPath, char.ToUpperInvariant(name[0]).ToString(), name, release.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var expected = Assemble(directory, release);
            if (expected is null)
            {
                duplicateKeys++;
            }
            else if (!JsonNode.DeepEquals(expected, entry))
            {
                mismatches.Add($"{name}/{release}");
            }
        }

        Assert.Empty(mismatches);
        Assert.InRange(duplicateKeys, 0, 25);
    }

    [UpstreamFact]
    public void Build_UpstreamTree_KibanaIsDowngradedBelow110()
    {
        var old = Entries(RepoGenerator.RepoFileName("1.9")).Single(p => (string)p["name"]! == "kibana" && (long)p["releaseVersion"]! == 2);
        var modern = Entries(RepoGenerator.RepoFileName("2.0")).Single(p => (string)p["name"]! == "kibana" && (long)p["releaseVersion"]! == 2);

        Assert.Equal("3.0", (string?)old["packagingVersion"]);
        Assert.False(old.ContainsKey("upgradesFrom"));
        Assert.False(old.ContainsKey("downgradesTo"));
        Assert.Equal("4.0", (string?)modern["packagingVersion"]);
        Assert.Equal(["2.0.0-5.5.1"], modern["upgradesFrom"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["2.0.0-5.5.1"], modern["downgradesTo"]!.AsArray().Select(v => (string?)v));
    }

    [UpstreamFact]
    public void Build_UpstreamTree_OldReEscapingBelow110()
    {
        var old = Entries(RepoGenerator.RepoFileName("1.9")).Single(p => (string)p["name"]! == "gestalt-framework" && (long)p["releaseVersion"]! == 3);
        var modern = Entries(RepoGenerator.RepoFileName("1.10")).Single(p => (string)p["name"]! == "gestalt-framework" && (long)p["releaseVersion"]! == 3);

        var oldText = (string?)Find(old["config"]!, "Must enter");
        var modernText = (string?)Find(modern["config"]!, "Must enter");

        Assert.Contains("Must enter \\\"yes\\\"", oldText, StringComparison.Ordinal);
        Assert.Contains("Must enter \"yes\"", modernText, StringComparison.Ordinal);
    }

    [UpstreamFact]
    public void Build_UpstreamTree_263RevisionsDifferBetween19And110()
    {
        var old = Entries(RepoGenerator.RepoFileName("1.9")).ToDictionary(p => $"{p["name"]}/{p["releaseVersion"]}");
        var modern = Entries(RepoGenerator.RepoFileName("1.10")).ToDictionary(p => $"{p["name"]}/{p["releaseVersion"]}");

        var shared = old.Keys.Intersect(modern.Keys).ToArray();
        var differ = shared.Count(k => !JsonNode.DeepEquals(old[k], modern[k]));
        var packagingVersion = shared.Count(k => (string?)old[k]["packagingVersion"] != (string?)modern[k]["packagingVersion"]);
        var config = shared.Count(k => !JsonNode.DeepEquals(old[k]["config"], modern[k]["config"]));

        Assert.Equal(816, shared.Length);
        Assert.Equal(263, differ);
        Assert.Equal(211, packagingVersion);
        Assert.Equal(139, config);
    }

    private List<JsonObject> Entries(string file) => _built.Entries(file);

    private static JsonNode? Find(JsonNode node, string text) => node switch
    {
        JsonObject o => o.Select(p => p.Value is null ? null : Find(p.Value, text)).FirstOrDefault(n => n is not null),
        JsonArray a => a.Select(n => n is null ? null : Find(n, text)).FirstOrDefault(n => n is not null),
        JsonValue v when v.TryGetValue(out string? s) && s.Contains(text, StringComparison.Ordinal) => v,
        _ => null,
    };

    /// <summary>What the generator writes for a revision, from its files; null when a file repeats a key (Python keeps the last; checked elsewhere).</summary>
    private static JsonObject? Assemble(string directory, long release)
    {
        try
        {
            return AssembleStrict(directory, release);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject AssembleStrict(string directory, long release)
    {
        var package = Parse(Path.Combine(directory, "package.json"))!.AsObject();
        package["releaseVersion"] = release;
        Add(package, "resource", Path.Combine(directory, "resource.json"));
        var template = Path.Combine(directory, "marathon.json.mustache");
        if (File.Exists(template) && File.ReadAllBytes(template) is { Length: > 0 } bytes)
        {
            package["marathon"] = new JsonObject { ["v2AppMustacheTemplate"] = Convert.ToBase64String(bytes) };
        }

        Add(package, "config", Path.Combine(directory, "config.json"));
        Add(package, "command", Path.Combine(directory, "command.json"));
        return package;
    }

    private static void Add(JsonObject package, string key, string path)
    {
        if (File.Exists(path) && Parse(path) is JsonObject { Count: > 0 } value)
        {
            package[key] = value;
        }
    }

    private static JsonNode? Parse(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        return node is null ? null : JsonNode.Parse(node.ToJsonString());
    }

    /// <summary>One build of the upstream tree for the class (about a second), deleted afterwards.</summary>
    public sealed class Built : IDisposable
    {
        private readonly Dictionary<string, List<JsonObject>> _entries = new(StringComparer.Ordinal);

        public Built()
        {
            Output = Path.Combine(Path.GetTempPath(), "builder-upstream-" + Guid.NewGuid().ToString("N"));
            if (UpstreamUniverse.RootOrNull is { } root)
            {
                var validation = TreeValidator.Validate(root, ValidationOptions.ErrorsOnly, CancellationToken.None);
                RepoOutputWriter.Write(RepoGenerator.Generate(validation.Packages, DcosVersions.Default), Output, CancellationToken.None);
            }
        }

        public string Output { get; }

        public List<JsonObject> Entries(string file)
        {
            lock (_entries)
            {
                if (!_entries.TryGetValue(file, out var entries))
                {
                    var document = JsonNode.Parse(File.ReadAllBytes(Path.Combine(Output, file)))!.AsObject();
                    entries = [.. document["packages"]!.AsArray().Select(p => p!.AsObject())];
                    _entries[file] = entries;
                }

                return entries;
            }
        }

        public void Dispose()
        {
            if (Directory.Exists(Output))
            {
                Directory.Delete(Output, recursive: true);
            }
        }
    }
}
