using System.Text;
using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Marathon;
using Universe.Cosmos.Services;

namespace Universe.Cosmos.Tests.Services;

public sealed class InstalledPackageReaderTests
{
    [Fact]
    public void Read_AppWithoutPackageName_IsNull() =>
        Assert.Null(InstalledPackageReader.Read(App("/plain", new JsonObject { ["OTHER"] = "x" })));

    [Fact]
    public void Read_CurrentLabels_HasPackageDetailsAndOptions()
    {
        var package = new PackageDefinition(new JsonObject
        {
            ["packagingVersion"] = "4.0", ["name"] = "web", ["version"] = "1.1.0", ["maintainer"] = "m",
            ["description"] = "d", ["tags"] = new JsonArray("t"), ["postUninstallNotes"] = "bye",
            ["resource"] = new JsonObject { ["images"] = new JsonObject { ["icon-small"] = "https://x/i.png" } },
            ["config"] = new JsonObject { ["type"] = "object" },
        });
        var labels = new JsonObject
        {
            ["DCOS_PACKAGE_NAME"] = "web", ["DCOS_PACKAGE_VERSION"] = "1.1.0", ["DCOS_PACKAGE_SOURCE"] = "file:///u",
            ["DCOS_PACKAGE_OPTIONS"] = "eyJwb3J0Ijo5OTk5fQ==", ["DCOS_PACKAGE_DEFINITION"] = PackageDefinitionLabel.Encode(package),
        };

        var installed = InstalledPackageReader.Read(App("web", labels));

        Assert.NotNull(installed);
        Assert.Equal("/web", installed.AppId);
        Assert.Equal("bye", installed.Package?.PostUninstallNotes);
        Assert.Equal("""{"packagingVersion":"4.0","name":"web","version":"1.1.0","maintainer":"m","description":"d","tags":["t"],"postUninstallNotes":"bye","selected":false,"framework":false}""",
            installed.Details.ToJsonString());
        Assert.Equal(9999, installed.UserOptions?["port"]?.GetValue<int>());
        Assert.Equal("file:///u", installed.Source);
    }

    [Fact]
    public void Read_HistoricalMetadataLabel_UsesMetadataAndImages()
    {
        var metadata = """{"packagingVersion":"2.0","name":"old","version":"0.1","maintainer":"m","description":"d","tags":[],"framework":true,"images":{"icon-small":"https://x/s.png"}}""";
        var labels = new JsonObject
        {
            ["DCOS_PACKAGE_NAME"] = "old", ["DCOS_PACKAGE_VERSION"] = "0.1", ["DCOS_PACKAGE_REGISTRY_VERSION"] = "2.0",
            ["DCOS_PACKAGE_METADATA"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(metadata)),
        };

        var installed = InstalledPackageReader.Read(App("/old", labels));

        Assert.NotNull(installed);
        Assert.Null(installed.Package);
        Assert.True(installed.Details["framework"]!.GetValue<bool>());
        Assert.Equal("https://x/s.png", installed.Resource?["images"]?["icon-small"]?.GetValue<string>());
    }

    [Fact]
    public void Read_OnlyNameAndVersionLabels_HasMinimalDetails()
    {
        var labels = new JsonObject
        {
            ["DCOS_PACKAGE_NAME"] = "ancient", ["DCOS_PACKAGE_VERSION"] = "0.0.1", ["DCOS_PACKAGE_IS_FRAMEWORK"] = "true",
        };

        var installed = InstalledPackageReader.Read(App("/ancient", labels));

        Assert.Equal("""{"packagingVersion":"2.0","name":"ancient","version":"0.0.1","framework":true,"selected":false}""",
            installed?.Details.ToJsonString());
    }

    private static MarathonApp App(string id, JsonObject labels) => new(new JsonObject { ["id"] = id, ["labels"] = labels });
}
