using System.Text;
using System.Text.Json.Nodes;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Validation;

namespace Universe.Builder.Tests.Validation;

/// <summary>One crafted tree per finding code: the code fires, on the right file (and line where known), with its severity.</summary>
public sealed class ValidationRuleTests : IDisposable
{
    private const string Template = """{"id": "/{{service.name}}", "cmd": "sleep 1000", "cpus": 0.1, "mem": 32, "instances": 1}""";
    private const string Config = """{"type": "object", "properties": {"service": {"type": "object", "properties": {"name": {"type": "string", "default": "alpha"}}}}}""";
    private const string Cli = """{"cli": {"binaries": {"linux": {"x86-64": {"kind": "executable", "url": "https://example.com/cli", "contentHash": [{"algo": "sha256", "value": "HASH"}]}}}}}""";
    private static readonly string Sha = new('a', 64);

    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Validate_CleanPackage_NoFindings()
    {
        var package = TestTree.PackageJson("alpha", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" });
        _tree.Revision("alpha", 0, package, config: Config, template: Template, resource: Cli.Replace("HASH", Sha, StringComparison.Ordinal));

        var result = Validate();

        Assert.Empty(result.Findings);
        Assert.Equal("alpha", Assert.Single(result.Packages).Name);
    }

    [Fact]
    public void Validate_BundledUniverse_Clean()
    {
        var result = TreeValidator.Validate(TestSupport.Paths.BundledUniverse, ValidationOptions.Full, CancellationToken.None);

        Assert.Empty(result.Findings);
        Assert.True(result.Revisions >= 6);
    }

    [Fact]
    public void LetterDirectory_LowercaseLetterOrStrayFile()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Packages, "a"));
        File.WriteAllText(Path.Combine(_tree.Packages, "README"), "x");

        var result = Validate();

        Assert.Equal(["repo/packages/README", "repo/packages/a"], Paths(result, FindingCodes.LetterDirectory, FindingSeverity.Error));
    }

    [Fact]
    public void PackageDirectory_BadNameOrFile()
    {
        _tree.Revision("alpha_x", 0, TestTree.PackageJson("alpha_x"));
        File.WriteAllText(Path.Combine(_tree.Packages, "A", "notes.txt"), "x");

        var result = Validate();

        Assert.Equal(["repo/packages/A/alpha_x", "repo/packages/A/notes.txt"], Paths(result, FindingCodes.PackageDirectory, FindingSeverity.Error));
    }

    [Fact]
    public void LetterMismatch_PackageUnderTheWrongLetter()
    {
        _tree.Revision("alpha", 0, letter: "B");

        Assert.Equal(["repo/packages/B/alpha"], Paths(Validate(), FindingCodes.LetterMismatch, FindingSeverity.Error));
    }

    [Fact]
    public void RevisionDirectory_NotAnInteger()
    {
        _tree.Revision("alpha", 0);
        Directory.CreateDirectory(Path.Combine(_tree.Packages, "A", "alpha", "latest"));

        Assert.Equal(["repo/packages/A/alpha/latest"], Paths(Validate(), FindingCodes.RevisionDirectory, FindingSeverity.Error));
    }

    [Fact]
    public void MissingPackageJson_EmptyRevision()
    {
        Directory.CreateDirectory(_tree.RevisionDirectory("alpha", 3));

        Assert.Equal(["repo/packages/A/alpha/3/package.json"], Paths(Validate(), FindingCodes.MissingPackageJson, FindingSeverity.Error));
    }

    [Fact]
    public void NameMismatch_NameDiffersFromDirectory()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alphabet"));

        var finding = Single(Validate(), FindingCodes.NameMismatch, FindingSeverity.Error);

        Assert.Equal("repo/packages/A/alpha/0/package.json", finding.Path);
        Assert.Contains("[alphabet]", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAscii_ByteOutsideAsciiWithItsLine()
    {
        _tree.Revision("alpha", 0, config: "{\n  \"type\": \"object\",\n  \"description\": \"caf\u00e9\"\n}");

        var finding = Single(Validate(), FindingCodes.NonAscii, FindingSeverity.Error);

        Assert.Equal("repo/packages/A/alpha/0/config.json", finding.Path);
        Assert.Equal(3, finding.Line);
    }

    [Fact]
    public void InvalidJson_WithLine()
    {
        _tree.Revision("alpha", 0, resource: "{\n  \"images\": {\n    \"icon-small\": \n}");

        var finding = Single(Validate(), FindingCodes.InvalidJson, FindingSeverity.Error);

        Assert.Equal("repo/packages/A/alpha/0/resource.json", finding.Path);
        Assert.Equal(4, finding.Line);
    }

    [Theory]
    [InlineData("caf\\u00e9", true)]
    [InlineData("bell\\u0007", true)]
    [InlineData("literal \\\\u0041 text", true)]
    [InlineData("plain \\u0041 escape of A", false)]
    [InlineData("tab\\tnewline\\n", false)]
    public void UnicodeEscape_OnlyWhatPythonWouldWriteAsUXXXX(string description, bool expected)
    {
        var package = TestTree.PackageJson("alpha").ToJsonString().Replace("The alpha package", description, StringComparison.Ordinal);
        var directory = _tree.Revision("alpha", 0);
        File.WriteAllText(Path.Combine(directory, "package.json"), package);

        var result = Validate();

        Assert.Equal(expected, result.Findings.Any(f => f.Code == FindingCodes.UnicodeEscape && f.Severity == FindingSeverity.Error));
    }

    [Fact]
    public void PackageSchema_UnknownFieldAndMissingField()
    {
        var package = TestTree.PackageJson("alpha", extra: new JsonObject { ["colour"] = "red" });
        package.Remove("maintainer");
        _tree.Revision("alpha", 0, package);

        var finding = Single(Validate(), FindingCodes.PackageSchema, FindingSeverity.Error);

        Assert.Equal("repo/packages/A/alpha/0/package.json", finding.Path);
        Assert.Contains("oneOf", finding.Message, StringComparison.Ordinal);
        Assert.Contains("maintainer", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResourceSchema_V3ResourceInA20Package()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", packagingVersion: "2.0"), template: Template, resource: Cli.Replace("HASH", Sha, StringComparison.Ordinal));

        var finding = Single(Validate(), FindingCodes.ResourceSchema, FindingSeverity.Error);

        Assert.Contains("v2-resource-schema.json", finding.Message, StringComparison.Ordinal);
        Assert.Contains("cli", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigSchema_NotADraft4Schema()
    {
        _tree.Revision("alpha", 0, config: """{"type": "object", "properties": {"n": {"type": 5}}}""");

        var finding = Single(Validate(), FindingCodes.ConfigSchema, FindingSeverity.Error);

        Assert.Contains("/properties/n/type", finding.Message, StringComparison.Ordinal);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void CommandSchema_PipNotAList()
    {
        _tree.Revision("alpha", 0, command: """{"pip": "requests"}""");

        Single(Validate(), FindingCodes.CommandSchema, FindingSeverity.Error);
    }

    [Fact]
    public void CommandNotAllowed_From40()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", packagingVersion: "4.0"), command: """{"pip": ["https://example.com/a.whl"]}""");

        Assert.Equal(["repo/packages/A/alpha/0/command.json"], Paths(Validate(), FindingCodes.CommandNotAllowed, FindingSeverity.Error));
    }

    [Fact]
    public void TemplateSyntax_UnclosedSection()
    {
        _tree.Revision("alpha", 0, config: Config, template: """{"id": "/a"{{#service.name}}}""");

        Assert.Equal(["repo/packages/A/alpha/0/marathon.json.mustache"], Paths(Validate(), FindingCodes.TemplateSyntax, FindingSeverity.Error));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("1.7", true)]
    [InlineData("1.8", false)]
    public void CliWithoutCommand_OnlyBelow18(string? minDcos, bool expected)
    {
        var package = TestTree.PackageJson("alpha", extra: minDcos is null ? null : new JsonObject { ["minDcosReleaseVersion"] = minDcos });
        _tree.Revision("alpha", 0, package, resource: Cli.Replace("HASH", Sha, StringComparison.Ordinal));

        var result = Validate();

        Assert.Equal(expected, result.Findings.Any(f => f.Code == FindingCodes.CliWithoutCommand && f.Severity == FindingSeverity.Error));
    }

    [Theory]
    [InlineData("1.10", true)]
    [InlineData("1.12", false)]
    public void RepoSchema_50PackageShownToAV4Repo(string minDcos, bool expected)
    {
        var package = TestTree.PackageJson("alpha", packagingVersion: "5.0", extra: new JsonObject { ["minDcosReleaseVersion"] = minDcos });
        _tree.Revision("alpha", 0, package);

        var result = Validate();

        Assert.Equal(expected, result.Findings.Any(f => f.Code == FindingCodes.RepoSchema && f.Severity == FindingSeverity.Error));
    }

    [Fact]
    public void DefaultsInvalid_CosmosJsonSchemaMismatch()
    {
        _tree.Revision("alpha", 0, config: """{"type": "object", "properties": {"count": {"type": "integer", "default": "three"}}}""", template: Template.Replace("{{service.name}}", "a", StringComparison.Ordinal));

        var finding = Single(Validate(), FindingCodes.DefaultsInvalid, FindingSeverity.Warning);

        Assert.Equal("repo/packages/A/alpha/0/config.json", finding.Path);
        Assert.StartsWith("JsonSchemaMismatch: Options JSON failed validation", finding.Message, StringComparison.Ordinal);
        Assert.Contains("/count", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateNotJson_CosmosJsonParsingError()
    {
        _tree.Revision("alpha", 0, config: Config, template: """{"id": "/{{service.name}}", "cpus": }""");

        var finding = Single(Validate(), FindingCodes.TemplateNotJson, FindingSeverity.Warning);

        Assert.StartsWith("JsonParsingError: ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppNotObject_RenderedArray()
    {
        _tree.Revision("alpha", 0, config: Config, template: """["{{service.name}}"]""");

        var finding = Single(Validate(), FindingCodes.AppNotObject, FindingSeverity.Warning);

        Assert.StartsWith("MarathonTemplateMustBeJsonObject$: ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderFailed_LabelsNotStrings()
    {
        _tree.Revision("alpha", 0, config: Config, template: """{"id": "/{{service.name}}", "labels": {"N": 1}}""");

        var finding = Single(Validate(), FindingCodes.RenderFailed, FindingSeverity.Warning);

        Assert.StartsWith("JsonDecodingError: ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarathonSchema_RenderedAppBreaksAppDefinition()
    {
        _tree.Revision("alpha", 0, config: Config, template: """{"id": "/{{service.name}}", "cpus": "lots", "colour": "red"}""");

        var finding = Single(Validate(), FindingCodes.MarathonSchema, FindingSeverity.Warning);

        Assert.Contains("/cpus", finding.Message, StringComparison.Ordinal);
        Assert.Contains("colour", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url", FindingCodes.UrlMalformed)]
    [InlineData("", FindingCodes.UrlMalformed)]
    [InlineData("ftp://example.com/a.tgz", FindingCodes.UrlMalformed)]
    [InlineData("https://binaries.example.com", FindingCodes.UrlMalformed)]
    [InlineData("http://example.com/a.tgz", FindingCodes.UrlInsecure)]
    [InlineData("data:application/x-sh;base64,IyEvYmluL3No", null)]
    public void Urls_MalformedOrInsecure(string url, string? code)
    {
        _tree.Revision("alpha", 0, resource: new JsonObject { ["assets"] = new JsonObject { ["uris"] = new JsonObject { ["a-tgz"] = url } } }.ToJsonString());

        var result = Validate();
        if (code is null)
        {
            Assert.Empty(result.Findings);
            return;
        }

        var finding = Single(result, code, FindingSeverity.Warning);

        Assert.Equal("repo/packages/A/alpha/0/resource.json", finding.Path);
        Assert.Contains("/assets/uris/a-tgz", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UrlInsecure_IconsAndPip()
    {
        _tree.Revision("alpha", 0, resource: """{"images": {"icon-small": "http://example.com/i.png", "screenshots": ["http://example.com/s.png"]}}""", command: """{"pip": ["http://example.com/a.whl", "requests==2.0"]}""");

        var findings = Validate().Findings.Where(f => f.Code == FindingCodes.UrlInsecure).Select(f => f.Message.Split(':')[0]).Order(StringComparer.Ordinal);

        Assert.Equal(["/images/icon-small", "/images/screenshots/0", "/pip/0"], findings);
    }

    [Fact]
    public void CliNoSha256_HashThatIsNoSha256Digest()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" }), resource: Cli.Replace("HASH", "not-a-digest", StringComparison.Ordinal));

        var result = Validate();

        Assert.Equal(0, result.Errors);
        Assert.Contains("/cli/binaries/linux/x86-64", Single(result, FindingCodes.CliNoSha256, FindingSeverity.Warning).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx:latest", true)]
    [InlineData("nginx", true)]
    [InlineData("registry.example.com:5000/team/nginx", true)]
    [InlineData("nginx:1.25.3", false)]
    [InlineData("registry.example.com:5000/nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000", false)]
    public void FloatingImageTag_LatestOrNoTag(string image, bool expected)
    {
        _tree.Revision("alpha", 0, resource: new JsonObject { ["assets"] = new JsonObject { ["container"] = new JsonObject { ["docker"] = new JsonObject { ["app"] = image } } } }.ToJsonString());

        Assert.Equal(expected, Validate().Findings.Any(f => f.Code == FindingCodes.FloatingImageTag && f.Severity == FindingSeverity.Warning));
    }

    [Fact]
    public void DuplicateVersion_SecondRevisionOfTheSameVersion()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", "1.0.0"));
        _tree.Revision("alpha", 1, TestTree.PackageJson("alpha", "1.0.0"));
        _tree.Revision("alpha", 2, TestTree.PackageJson("alpha", "1.1.0"));

        Assert.Equal(["repo/packages/A/alpha/1/package.json"], Paths(Validate(), FindingCodes.DuplicateVersion, FindingSeverity.Warning));
    }

    [Theory]
    [InlineData("999", true)]
    [InlineData("2.1", true)]
    [InlineData("2.0", false)]
    public void HiddenEverywhere_AboveEveryBuiltVersion(string minDcos, bool expected)
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", extra: new JsonObject { ["minDcosReleaseVersion"] = minDcos }));

        Assert.Equal(expected, Validate().Findings.Any(f => f.Code == FindingCodes.HiddenEverywhere && f.Severity == FindingSeverity.Warning));
    }

    [Fact]
    public void EveryCode_HasATestHere()
    {
        var source = File.ReadAllText(Path.Combine(SourceDirectory(), "ValidationRuleTests.cs"));

        foreach (var (code, _, _) in FindingCodes.All)
        {
            var constant = typeof(FindingCodes).GetFields().Single(f => (string?)f.GetValue(null) == code).Name;
            Assert.Contains($"FindingCodes.{constant}", source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TreeSchemas_UsedWhenPresent()
    {
        var schemas = Path.Combine(_tree.Root, "repo", "meta", "schema");
        Directory.CreateDirectory(schemas);
        File.WriteAllText(Path.Combine(schemas, "package-schema.json"), """{"type": "object", "required": ["house-rule"]}""");
        _tree.Revision("alpha", 0);

        var result = Validate();

        Assert.Equal([SchemaSet_PackageFile], result.SchemasFromTree);
        Assert.Contains("house-rule", Single(result, FindingCodes.PackageSchema, FindingSeverity.Error).Message, StringComparison.Ordinal);
    }

    private const string SchemaSet_PackageFile = SchemaSet.PackageFile;

    private ValidationResult Validate() => TreeValidator.Validate(_tree.Root, ValidationOptions.Full, CancellationToken.None);

    private static string[] Paths(ValidationResult result, string code, FindingSeverity severity) =>
        [.. result.Findings.Where(f => f.Code == code && f.Severity == severity).Select(f => f.Path).Order(StringComparer.Ordinal)];

    private static Finding Single(ValidationResult result, string code, FindingSeverity severity) =>
        Assert.Single(result.Findings, f => f.Code == code && f.Severity == severity);

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
