using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Marathon;
using Universe.Cosmos.Services;

namespace Universe.Cosmos.Tests.Services;

public sealed class PackageLabelsTests
{
    [Fact]
    public void DecodeDefinition_LabelWrittenByRenderer_RoundTrips()
    {
        var package = new PackageDefinition(new JsonObject
        {
            ["packagingVersion"] = "4.0", ["name"] = "web", ["version"] = "1.0.0", ["releaseVersion"] = 3,
            ["maintainer"] = "m", ["description"] = "d", ["tags"] = new JsonArray("a"),
        });

        var decoded = PackageLabels.DecodeDefinition(PackageDefinitionLabel.Encode(package));

        Assert.NotNull(decoded);
        Assert.Equal("web", decoded["name"]!.GetValue<string>());
        Assert.Equal(3, decoded["releaseVersion"]!.GetValue<int>());
    }

    [Fact]
    public void DecodeDefinition_PlainEnvelopeWithoutEncoding_Decodes()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"name":"x","version":"1"}"""));
        var envelope = $$"""{"metadata":{"Content-Type":"application/vnd.dcos.universe.package+json;charset=utf-8;version=v3"},"data":"{{data}}"}""";

        var decoded = PackageLabels.DecodeDefinition(Base64(envelope));

        Assert.Equal("x", decoded?["name"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("e30=")]
    public void DecodeDefinition_Garbage_IsNull(string label) =>
        Assert.Null(PackageLabels.DecodeDefinition(label));

    [Fact]
    public void DecodeDefinition_UnknownEncoding_IsNull()
    {
        var data = Convert.ToBase64String(Gzip("""{"name":"x"}"""));
        var envelope = $$"""{"metadata":{"Content-Type":"application/vnd.dcos.universe.package+json;charset=utf-8;version=v4","Content-Encoding":"br"},"data":"{{data}}"}""";

        Assert.Null(PackageLabels.DecodeDefinition(Base64(envelope)));
    }

    [Fact]
    public void DecodeOptions_SpecExample_IsPortObject() =>
        Assert.Equal("""{"port":9999}""", PackageLabels.DecodeOptions("eyJwb3J0Ijo5OTk5fQ==")!.ToJsonString());

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
