using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Tests.Build;

public sealed class BuildRunnerTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly string _out;

    public BuildRunnerTests() => _out = Path.Combine(_tree.Root, "target");

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Build_CraftedTree_WritesEveryUpstreamFileWithExactContentTypes()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", extra: new JsonObject { ["minDcosReleaseVersion"] = "1.8" }));
        _tree.Revision("beta", 3, TestTree.PackageJson("beta", "2.0.0", "4.0", new JsonObject { ["minDcosReleaseVersion"] = "1.10" }));

        var (code, output, error) = await BuildAsync();

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Built 2 revisions", output, StringComparison.Ordinal);
        var expected = new List<string> { "universe.json", "universe.content_type", "repo-empty-v3.json", "repo-empty-v3.content_type" };
        foreach (var v in DcosVersions.Default)
        {
            expected.Add($"repo-up-to-{v}.json");
            expected.Add($"repo-up-to-{v}.content_type");
            expected.Add($"{v}/package/alpha.json");
        }

        expected.AddRange(["1.10/package/beta.json", "1.11/package/beta.json", "1.12/package/beta.json", "1.13/package/beta.json", "2.0/package/beta.json"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Files(_out));
        Assert.Equal("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5", await File.ReadAllTextAsync(Path.Combine(_out, "universe.content_type")));
        Assert.Equal("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3", await File.ReadAllTextAsync(Path.Combine(_out, "repo-empty-v3.content_type")));
        Assert.Equal("""{"packages":[]}""", await File.ReadAllTextAsync(Path.Combine(_out, "repo-empty-v3.json")));
        string[] types = ["v3", "v3", "v4", "v4", "v5", "v5", "v5"];
        for (var i = 0; i < types.Length; i++)
        {
            var contentType = await File.ReadAllTextAsync(Path.Combine(_out, $"repo-up-to-{DcosVersions.Default[i]}.content_type"));
            Assert.Equal($"application/vnd.dcos.universe.repo+json;charset=utf-8;version={types[i]}", contentType);
        }
    }

    [Fact]
    public async Task Build_TreeWithValidationErrors_RefusesAndKeepsThePreviousOutput()
    {
        _tree.Revision("alpha", 0);
        Assert.Equal(ExitCodes.Success, (await BuildAsync()).Code);
        var before = await File.ReadAllBytesAsync(Path.Combine(_out, "universe.json"));
        _tree.Revision("broken", 0, TestTree.PackageJson("broken", extra: new JsonObject { ["unknownField"] = 1 }));

        var (code, _, error) = await BuildAsync();

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("error: package-schema:", error, StringComparison.Ordinal);
        Assert.Contains("refusing to build", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(_out, "universe.json")));
    }

    [Fact]
    public async Task Build_SkipValidation_BuildsTheTreeWithErrors()
    {
        _tree.Revision("alpha", 0, TestTree.PackageJson("alpha", extra: new JsonObject { ["unknownField"] = 1 }));

        var (code, _, _) = await BuildAsync("--skip-validation");

        Assert.Equal(ExitCodes.Success, code);
        var index = await RepoIndexReader.ReadFileAsync(Path.Combine(_out, "universe.json"));
        Assert.Equal(1, (int)Assert.Single(index.Packages).Json["unknownField"]!);
    }

    [Fact]
    public async Task Build_OutDirIsANonEmptyForeignDirectory_RefusesToReplaceIt()
    {
        _tree.Revision("alpha", 0);
        Directory.CreateDirectory(_out);
        await File.WriteAllTextAsync(Path.Combine(_out, "notes.txt"), "mine");

        var (code, _, error) = await BuildAsync();

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("refusing to replace it", error, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(_out, "notes.txt")));
    }

    [Fact]
    public async Task Build_Twice_GivesTheSameBytesAndReplacesStaleFiles()
    {
        _tree.Revision("alpha", 0);
        _tree.Revision("beta", 0);
        await BuildAsync();
        var first = Snapshot(_out);
        Directory.Delete(Path.GetDirectoryName(_tree.RevisionDirectory("beta", 0))!, recursive: true);
        await BuildAsync();
        _tree.Revision("beta", 0);

        await BuildAsync();

        Assert.Equal(first, Snapshot(_out));
        Assert.DoesNotContain(Directory.EnumerateDirectories(_tree.Root), d => Path.GetFileName(d).StartsWith(".target.tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_CustomDcosVersions_WritesOnlyThoseRepoFiles()
    {
        _tree.Revision("alpha", 0);

        var (code, _, _) = await BuildAsync("--dcos-versions", "1.9,2.1");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(
            ["repo-up-to-1.9.json", "repo-up-to-2.1.json"],
            Directory.EnumerateFiles(_out, "repo-up-to-*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5", await File.ReadAllTextAsync(Path.Combine(_out, "repo-up-to-2.1.content_type")));
    }

    private async Task<(int Code, string Output, string Error)> BuildAsync(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["build", "--repository", _tree.Root, "--out-dir", _out, .. extra];
        var code = await BuilderApplication.InvokeAsync(new BuilderConsole(output, error), args, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    private static Dictionary<string, string> Snapshot(string root) =>
        Files(root).ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(root, f)))));
}
