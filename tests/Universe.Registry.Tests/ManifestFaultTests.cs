using System.Text;
using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>Manifests, indexes and tag lists from a registry that lies about digests and sizes or sends hostile sizes: refused with the right error kind.</summary>
public sealed class ManifestFaultTests : FaultyRegistryTestBase
{
    [Fact]
    public async Task GetManifestAsync_DockerContentDigestDisagrees_DigestMismatch()
    {
        var manifest = EmptyManifest();
        Server.Serve("/v2/team/app/manifests/1", manifest, new FaultBehavior
        {
            ContentType = MediaTypes.OciManifest,
            Headers = new Dictionary<string, string> { ["Docker-Content-Digest"] = "sha256:" + new string('9', 64) },
        });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{Server.Host}/team/app:1")));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
    }

    [Fact]
    public async Task GetManifestAsync_ByDigestWithOtherContent_DigestMismatch()
    {
        var manifest = EmptyManifest();
        var claimed = "sha256:" + new string('7', 64);
        Server.Serve($"/v2/team/app/manifests/{claimed}", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{Server.Host}/team/app@{claimed}")));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
    }

    [Fact]
    public async Task GetManifestAsync_HugeManifest_Refused()
    {
        var huge = new byte[ManifestParser.MaxManifestBytes + 10];
        Server.Serve("/v2/team/app/manifests/big", huge, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(ImageReference.Parse($"{Server.Host}/team/app:big")));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public async Task ListTagsAsync_HostileHugeBody_RefusedWithoutBufferingIt()
    {
        var huge = Encoding.UTF8.GetBytes("{\"tags\":[\"" + new string('a', 17 * 1024 * 1024) + "\"]}");
        Server.Serve("/v2/team/app/tags/list", huge, new FaultBehavior { ContentType = "application/json" });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(ImageReference.Parse($"{Server.Host}/team/app:1")));

        Assert.Equal(RegistryErrorKind.HttpError, error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_ManifestWithTooManyLayers_InvalidManifest()
    {
        var layer = $$"""{"mediaType":"{{MediaTypes.OciLayerGzip}}","digest":"sha256:{{new string('2', 64)}}","size":1}""";
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"sha256:{{new string('1', 64)}}","size":2},"layers":[{{string.Join(',', Enumerable.Repeat(layer, ManifestParser.MaxLayers + 1))}}]}""");
        Server.Serve("/v2/team/app/manifests/many", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(ImageReference.Parse($"{Server.Host}/team/app:many")));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public async Task ResolveAsync_IndexEntryWithWrongSize_DigestMismatch()
    {
        var manifest = EmptyManifest();
        var digest = ContentDigest.Compute(manifest);
        var index = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{digest}}}","size":{{{manifest.Length + 5}}},"platform":{"os":"linux","architecture":"amd64"}}]}""");
        Server.Serve("/v2/team/app/manifests/idx", index, new FaultBehavior { ContentType = MediaTypes.OciIndex });
        Server.Serve($"/v2/team/app/manifests/{digest}", manifest, new FaultBehavior { ContentType = MediaTypes.OciManifest });
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(ImageReference.Parse($"{Server.Host}/team/app:idx")));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
    }
}
