using System.Text;

namespace Universe.Registry.Tests;

public sealed class ManifestTests
{
    private static readonly string D1 = "sha256:" + new string('1', 64);
    private static readonly string D2 = "sha256:" + new string('2', 64);
    private static readonly string D3 = "sha256:" + new string('3', 64);
    private static readonly string D4 = "sha256:" + new string('4', 64);

    private static string Index(string mediaType) => $$$"""
        {"schemaVersion":2,"mediaType":"{{{mediaType}}}","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D4}}}","size":10,"platform":{"os":"unknown","architecture":"unknown"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D1}}}","size":10,"platform":{"os":"linux","architecture":"amd64"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D2}}}","size":11,"platform":{"os":"linux","architecture":"arm","variant":"v6"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{D3}}}","size":12,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}}]}
        """;

    [Theory]
    [InlineData("linux/amd64", 1)]
    [InlineData("linux/x86_64", 1)]
    [InlineData("linux/arm64", 3)]
    [InlineData("linux/aarch64", 3)]
    [InlineData("linux/arm64/v8", 3)]
    [InlineData("linux/arm/v6", 2)]
    [InlineData("linux/arm", 2)]
    public void Select_Platform_PicksMatchingEntry(string platform, int expected)
    {
        var index = ManifestParser.ParseIndex(Encoding.UTF8.GetBytes(Index(MediaTypes.OciIndex)), MediaTypes.OciIndex);

        var entry = index.Select(Platform.Parse(platform));

        Assert.Equal("sha256:" + new string((char)('0' + expected), 64), entry!.Digest);
    }

    [Fact]
    public void Select_NoMatch_NullAndAttestationNeverPicked()
    {
        var index = ManifestParser.ParseIndex(Encoding.UTF8.GetBytes(Index(MediaTypes.DockerManifestList)), MediaTypes.DockerManifestList);

        Assert.Null(index.Select(Platform.Parse("linux/s390x")));
        Assert.Null(index.Select(Platform.Parse("windows/amd64")));
        Assert.Null(index.Select(new Platform("unknown", "unknown")));
    }

    [Fact]
    public void DetectMediaType_FromFieldContentTypeOrShape()
    {
        var oci = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"config":{"mediaType":"x","digest":"{{D1}}","size":1},"layers":[]}""");

        Assert.Equal(MediaTypes.OciManifest, ManifestParser.DetectMediaType(oci, null));
        Assert.Equal(MediaTypes.DockerManifest, ManifestParser.DetectMediaType(oci, MediaTypes.DockerManifest + "; charset=utf-8"));
        Assert.Equal(MediaTypes.OciIndex, ManifestParser.DetectMediaType(Encoding.UTF8.GetBytes(Index(MediaTypes.OciIndex)), null));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"schemaVersion\":1,\"fsLayers\":[]}")]
    [InlineData("{\"schemaVersion\":2}")]
    public void DetectMediaType_Malformed_InvalidManifest(string body)
    {
        var error = Assert.Throws<RegistryException>(() => ManifestParser.DetectMediaType(Encoding.UTF8.GetBytes(body), null));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Theory]
    [InlineData("""{"config":{"mediaType":"x","digest":"sha256:zz","size":1},"layers":[]}""")]
    [InlineData("""{"config":{"mediaType":"x","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1},"layers":[]}""")]
    [InlineData("""{"config":{"mediaType":"x","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1},"layers":{}}""")]
    [InlineData("""{"layers":[]}""")]
    public void ParseManifest_BadDescriptors_InvalidManifest(string body)
    {
        var error = Assert.Throws<RegistryException>(() => ManifestParser.ParseManifest(Encoding.UTF8.GetBytes(body), MediaTypes.OciManifest));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public void ParseConfig_ReadsRuntimeFields()
    {
        var config = """
            {"os":"linux","architecture":"amd64","config":{"Env":["PATH=/bin","A=b"],"Entrypoint":["/bin/busybox","httpd"],"Cmd":null,
             "WorkingDir":"/www","User":"1000:1000","ExposedPorts":{"80/tcp":{}},"Labels":{"k":"v"},"StopSignal":"SIGQUIT"},
             "rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111"]}}
            """;

        var parsed = ManifestParser.ParseConfig(Encoding.UTF8.GetBytes(config));

        Assert.Equal(["PATH=/bin", "A=b"], parsed.Env);
        Assert.Equal(["/bin/busybox", "httpd"], parsed.Entrypoint);
        Assert.Null(parsed.Cmd);
        Assert.Equal("/www", parsed.WorkingDir);
        Assert.Equal("1000:1000", parsed.User);
        Assert.Equal(["80/tcp"], parsed.ExposedPorts);
        Assert.Equal("v", parsed.Labels["k"]);
        Assert.Equal("SIGQUIT", parsed.StopSignal);
        Assert.Single(parsed.DiffIds);
        Assert.Equal("amd64", parsed.Architecture);
    }
}
