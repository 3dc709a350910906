using System.Text;
using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Tests.Packages;

public sealed class PackageFormatTests
{
    [Theory]
    [InlineData("packagingVersion", "\"1.0\"", "Expected one of [2.0, 3.0, 4.0, 5.0] for packaging version, but found [1.0]")]
    [InlineData("marathon", "{\"v2AppMustacheTemplate\":\"!!not base64!!\"}", "Base64 string value expected")]
    [InlineData("tags", "[\"two words\"]", "Tag [\"two words\"] must be a non-empty string without whitespace")]
    [InlineData("releaseVersion", "-1", "Expected integer value greater than or equal to 0 for releaseVersion, but found [-1]")]
    [InlineData("description", "42", "Attempt to decode value on failed cursor: DownField(description)")]
    public void TryDecode_InvalidField_GivesCosmosReason(string field, string json, string reason)
    {
        var package = TestPackages.Json("gamma", 0);
        package[field] = JsonNode.Parse(json);

        var ok = PackageDecoder.TryDecode(package, out _, out var error);

        Assert.False(ok);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void TryDecode_V20WithoutMarathon_IsRejected()
    {
        var package = TestPackages.Json("gamma", 0, "2.0");
        package.Remove("marathon");

        Assert.False(PackageDecoder.TryDecode(package, out _, out _));
    }

    [Fact]
    public void TryDecode_V30WithoutMarathon_IsACliOnlyPackage()
    {
        var json = TestPackages.Json("gamma", 0, "3.0");
        json.Remove("marathon");

        var package = PackageDecoder.Decode(json);

        Assert.Null(package.MarathonTemplate);
    }

    [Fact]
    public void ToJson_RevisionFiles_AssemblesInGenUniverseOrder()
    {
        var files = new PackageRevisionFiles(
            7,
            """{"packagingVersion":"3.0","name":"gamma","version":"1","maintainer":"m","description":"d","tags":["t"],"x-unknown":1}"""u8.ToArray(),
            """{"images":{}}"""u8.ToArray(),
            """{"type":"object"}"""u8.ToArray(),
            """{"pip":["a"]}"""u8.ToArray(),
            Encoding.UTF8.GetBytes("{{x}}"));

        var json = files.ToJson();

        Assert.Equal(
            ["packagingVersion", "name", "version", "maintainer", "description", "tags", "x-unknown", "releaseVersion", "resource", "marathon", "config", "command"],
            json.Select(p => p.Key));
        Assert.Equal("{{x}}", PackageDecoder.Decode(json).MarathonTemplate);
    }

    [Fact]
    public void ToJson_DuplicateKey_LastValueWinsAsInPython()
    {
        var files = new PackageRevisionFiles(0, """{"packagingVersion":"3.0","name":"gamma","version":"1","maintainer":"m","description":"first","tags":["t"],"description":"second"}"""u8.ToArray());

        var package = PackageDecoder.Decode(files.ToJson());

        Assert.Equal("second", package.Description);
    }

    [Fact]
    public void Read_TreeWithBadRevisions_ReportsThemAndKeepsTheOthers()
    {
        using var temp = new TempDirectory();
        var packages = TestPackages.WriteTree(temp.Path, ("gamma", 0), ("gamma", 1), ("delta", 0)) + "/repo/packages";
        File.WriteAllText(Path.Combine(packages, "G", "gamma", "1", "package.json"), "{ not json");
        Directory.CreateDirectory(Path.Combine(packages, "D", "delta", "latest"));

        var result = UniverseTreeReader.Read(packages);

        Assert.Equal(["delta", "gamma"], result.Packages.Select(p => p.Name).Order());
        Assert.Equal(["D/delta/latest", "G/gamma/1"], result.Errors.Select(e => e.Location));
    }

    [Fact]
    public async Task ReadAsync_RepoIndex_GivesDetachedPackagesAndReportsBadEntries()
    {
        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["packages"] = new JsonArray(TestPackages.Json("gamma", 0), 42) }.ToJsonString());

        using var stream = new MemoryStream(bytes);
        var result = await RepoIndexReader.ReadAsync(stream);

        Assert.Null(Assert.Single(result.Packages).Json.Parent);
        Assert.Equal("packages[1]: A package must be a JSON object", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3", true, 3)]
    [InlineData("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4", true, 4)]
    [InlineData("application/vnd.dcos.universe.repo+json; charset=utf-8; version=v5", true, 5)]
    [InlineData("application/vnd.dcos.universe.repo+json", true, 5)]
    [InlineData("application/json", true, 5)]
    [InlineData("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v2", false, 0)]
    [InlineData("text/html;charset=iso-8859-1", false, 0)]
    [InlineData(null, false, 0)]
    public void TryGetVersion_ContentType_AcceptsRepoIndexTypes(string? contentType, bool ok, int version)
    {
        var accepted = RepoMediaTypes.TryGetVersion(contentType, out var actual);

        Assert.Equal(ok, accepted);
        Assert.Equal(version, actual);
    }
}
