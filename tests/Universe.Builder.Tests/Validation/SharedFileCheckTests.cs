using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Validation;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Builder.Tests.Validation;

/// <summary>
/// A validation run checks and parses each distinct file content once and lets the decoded packages share the parsed
/// documents: findings still land on every revision's own file, a changed byte is a different file, and the packages
/// (and so the build) equal what Cosmos's own reader decodes from the same tree.
/// </summary>
public sealed class SharedFileCheckTests : IDisposable
{
    private const string BadConfig = """
        {
          "type": "object",
          "properties": {"port": {"type": "integr", "default": 8080}}
        }
        """;

    private const string GoodConfig = """{"type": "object", "properties": {"name": {"type": "string", "description": "the \"name\"", "default": "a \"b\""}}}""";
    private const string Template = """{"id": "/{{name}}", "cmd": "sleep 1", "cpus": 0.1, "mem": 32, "instances": 1}""";

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void SameBytesInSeveralRevisions_EachRevisionGetsTheFindingAtItsOwnPathAndLine()
    {
        _tree.Revision("alpha", 0, config: BadConfig);
        _tree.Revision("alpha", 1, config: BadConfig);
        _tree.Revision("beta", 0, config: BadConfig);
        _tree.Revision("beta", 1, config: BadConfig.Replace("integr", "integer", StringComparison.Ordinal));

        var result = TreeValidator.Validate(_tree.Root, ValidationOptions.ErrorsOnly, CancellationToken.None);

        var findings = result.Findings.Where(f => f.Code == FindingCodes.ConfigSchema).ToArray();
        Assert.Equal(
            ["repo/packages/A/alpha/0/config.json", "repo/packages/A/alpha/1/config.json", "repo/packages/B/beta/0/config.json"],
            findings.Select(f => f.Path).ToArray());
        Assert.All(findings, f => Assert.Equal(3, f.Line));
        Assert.Single(findings.Select(f => f.Message).Distinct());
    }

    [Fact]
    public void SameTemplateInSeveralRevisions_EachRevisionGetsTheSyntaxError()
    {
        _tree.Revision("alpha", 0, template: "{{#a}}x");
        _tree.Revision("alpha", 1, template: "{{#a}}x");
        _tree.Revision("alpha", 2, template: "{{#a}}x{{/a}}");

        var result = TreeValidator.Validate(_tree.Root, ValidationOptions.ErrorsOnly, CancellationToken.None);

        Assert.Equal(
            ["repo/packages/A/alpha/0/marathon.json.mustache", "repo/packages/A/alpha/1/marathon.json.mustache"],
            result.Findings.Where(f => f.Code == FindingCodes.TemplateSyntax).Select(f => f.Path).ToArray());
    }

    [Fact]
    public void DecodedPackages_EqualCosmosReader_WithSharedFilesRepeatedKeysAndLegacyEscaping()
    {
        var resource = """{"assets": {"uris": {"a": "https://example.com/a.tgz"}}}""";
        _tree.Revision("alpha", 0, config: GoodConfig, resource: resource, template: Template);
        _tree.Revision("alpha", 1, config: GoodConfig, resource: resource, template: Template);
        _tree.Revision("alpha", 2, TestTree.PackageJson("alpha", "2.0.0", "4.0"), config: GoodConfig, resource: resource, template: Template);

        // A repeated key (last wins, at the first key's position) is not shared: it is decoded the way Cosmos does.
        _tree.Revision("beta", 0, config: """{"type": "object", "type": "object", "properties": {}}""", template: Template);
        _tree.Revision("beta", 1, config: "{}", resource: "{}", template: Template);

        var validated = TreeValidator.Validate(_tree.Root, ValidationOptions.ErrorsOnly, CancellationToken.None);
        var read = UniverseTreeReader.Read(_tree.Packages, CancellationToken.None);

        Assert.Equal(0, validated.Errors);
        Assert.Equal(Describe(read.Packages), Describe(validated.Packages));
        AssertSameBuild(read.Packages, validated.Packages);
    }

    [UpstreamFact]
    public void UpstreamTree_ValidatedPackagesBuildTheSameBytesAsCosmosReader()
    {
        var validated = TreeValidator.Validate(UpstreamUniverse.RootPath, ValidationOptions.ErrorsOnly, CancellationToken.None);
        var read = UniverseTreeReader.Read(UpstreamUniverse.PackagesPath, CancellationToken.None);

        Assert.Equal(1235, validated.Packages.Count);
        AssertSameBuild(read.Packages, validated.Packages);
    }

    private static string[] Describe(IEnumerable<PackageDefinition> packages) =>
        [.. packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion).Select(p => $"{p.Json.ToJsonString()}\n{p.MarathonTemplate}")];

    private static void AssertSameBuild(IReadOnlyList<PackageDefinition> expected, IReadOnlyList<PackageDefinition> actual)
    {
        var left = RepoGenerator.Generate(expected, DcosVersions.Default);
        var right = RepoGenerator.Generate(actual, DcosVersions.Default);
        Assert.Equal(left.Files.Select(f => f.Path), right.Files.Select(f => f.Path));
        foreach (var file in left.Files)
        {
            Assert.True(file.ToArray().AsSpan().SequenceEqual(right.Find(file.Path)!.ToArray()), $"{file.Path} differs");
        }
    }
}
