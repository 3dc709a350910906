using System.Text.Json.Nodes;
using Universe.Cosmos.Services;

namespace Universe.Cosmos.Tests.Services;

public sealed class ResourceUrlsTests
{
    private const string Resource = """
        {"assets":{"uris":{"jre":"https://d/jre.tgz?a=1&b=2"},"container":{"docker":{"img":"nginx:1"}}},
         "images":{"icon-small":"https://d/s.png","screenshots":["https://d/1.png"]},
         "cli":{"binaries":{"linux":{"x86-64":{"kind":"executable","url":"https://d/cli","contentHash":[]}}}}}
        """;

    [Fact]
    public void Enumerate_Resource_ListsAssetImageAndCliUrlsButNotDockerImages() =>
        Assert.Equal(
            ["https://d/jre.tgz?a=1&b=2", "https://d/s.png", "https://d/1.png", "https://d/cli"],
            ResourceUrls.Enumerate(JsonNode.Parse(Resource)!.AsObject()));

    [Fact]
    public void Rewrite_Resource_ProxiesEscapedUrlsAndLeavesOriginalAlone()
    {
        var original = JsonNode.Parse(Resource)!.AsObject();

        var rewritten = ResourceUrls.Rewrite(original, "http://h/package/resource?url=");

        Assert.Equal("http://h/package/resource?url=https%3A%2F%2Fd%2Fjre.tgz%3Fa%3D1%26b%3D2", rewritten["assets"]!["uris"]!["jre"]!.GetValue<string>());
        Assert.Equal("http://h/package/resource?url=https%3A%2F%2Fd%2F1.png", rewritten["images"]!["screenshots"]![0]!.GetValue<string>());
        Assert.Equal("nginx:1", rewritten["assets"]!["container"]!["docker"]!["img"]!.GetValue<string>());
        Assert.Equal("https://d/s.png", original["images"]!["icon-small"]!.GetValue<string>());
    }
}
