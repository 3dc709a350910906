using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Validation;

namespace Universe.Builder.Tests.Validation;

/// <summary><c>universe validate</c> end to end through the command line: text lines, the JSON document, and the exit codes with and without <c>--warnings-as-errors</c>.</summary>
public sealed class ValidateOutputTests : IDisposable
{
    private readonly TestTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Validate_WarningOnly_Exits0AndPrintsOneLinePerFinding()
    {
        WarningOnlyTree();

        var (code, output, error) = await BuilderApplicationTests.InvokeAsync($"validate --repository {_tree.Root}");

        Assert.Equal(ExitCodes.Success, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("repo/packages/A/alpha/0/resource.json", line, StringComparison.Ordinal);
        Assert.Contains(": warning: " + FindingCodes.UrlInsecure + ": ", line, StringComparison.Ordinal);
        Assert.Contains("0 errors, 1 warnings", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WarningsAsErrors_Exits1OnAWarning()
    {
        WarningOnlyTree();

        var (code, _, _) = await BuilderApplicationTests.InvokeAsync($"validate --repository {_tree.Root} --warnings-as-errors");

        Assert.Equal(ExitCodes.Findings, code);
    }

    [Fact]
    public async Task Validate_WarningsAsErrors_CleanTreeStillExits0()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" }));

        var (code, output, _) = await BuilderApplicationTests.InvokeAsync($"validate --repository {_tree.Root} --warnings-as-errors");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(string.Empty, output.Trim());
    }

    [Fact]
    public async Task Validate_FormatJson_OneDocumentWithFindingsAndCounts()
    {
        WarningOnlyTree();
        _tree.Revision("beta", 0, TestTree.PackageJson("beta", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" }), letter: "A");

        var (code, output, _) = await BuilderApplicationTests.InvokeAsync($"validate --repository {_tree.Root} --format json");

        Assert.Equal(ExitCodes.Findings, code);
        var document = JsonNode.Parse(output)!.AsObject();
        var findings = document["findings"]!.AsArray();
        var warning = Assert.Single(findings, f => (string?)f!["code"] == FindingCodes.UrlInsecure)!;
        Assert.Equal("warning", (string?)warning["severity"]);
        Assert.Equal("repo/packages/A/alpha/0/resource.json", (string?)warning["path"]);
        var error = Assert.Single(findings, f => (string?)f!["code"] == FindingCodes.LetterMismatch)!;
        Assert.Equal("error", (string?)error["severity"]);
        var summary = document["summary"]!;
        Assert.Equal(1, (int)summary["errors"]!);
        Assert.Equal(1, (int)summary["warnings"]!);
        Assert.Equal(1, (int)summary["byCode"]![FindingCodes.UrlInsecure]!);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(output).RootElement.ValueKind);
    }

    private void WarningOnlyTree() =>
        _tree.Revision(
            "alpha",
            0,
            TestTree.PackageJson("alpha", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" }),
            resource: """{"assets": {"uris": {"a-tgz": "http://example.com/a.tgz"}}}""");
}
