using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Registry;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>Images mirrored from Debian's docker-registry with token auth, test images built with umoci, pushed with skopeo.</summary>
public sealed class ImageMirrorTests : IAsyncLifetime, IDisposable
{
    private readonly MirrorHarness _harness = new();
    private RegistryServer? _registry;
    private TestImages _images = null!;

    public async Task InitializeAsync()
    {
        if (RegistryTools.MissingReason(RegistryTools.ImageTools) is not null && !RegistryTools.IsCi)
        {
            return;
        }

        _images = await TestImages.SharedAsync();
        _registry = await RegistryServer.StartAsync(RegistryAuthMode.Token);
        await _images.PushAsync(_registry, TestImages.Web, "team/web", "1.0");
        await _images.PushAsync(_registry, TestImages.Web, "team/web", "latest");
        await _images.PushAsync(_registry, TestImages.Hello, "team/hello", "1.0", dockerFormat: true);
        await _images.PushAsync(_registry, TestImages.Multi, "team/multi", "1.0");
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    public void Dispose() => _harness.Dispose();

    private async Task<string> RegistryConfigAsync()
    {
        var file = Path.Combine(_harness.Root, "registries.json");
        await File.WriteAllTextAsync(file, $$"""{ "{{_registry!.Host}}": { "Username": "{{_registry.Username}}", "PasswordFile": "{{_registry.WritePasswordFile()}}" } }""");
        return file;
    }

    [RegistryFact]
    public async Task Mirror_TokenAuthRegistry_StoresIndexManifestsConfigsAndSharedLayerOnce()
    {
        var host = _registry!.Host;
        _harness.AddPackage("web", "1.0", 0, MirrorRunnerTests.Resource(assets: [], images: [$"{host}/team/web:1.0", $"{host}/team/hello:1.0", $"{host}/team/multi:1.0", $"{host}/team/web"]));

        var exit = await _harness.MirrorAsync(_harness.Args() with { RegistryConfig = await RegistryConfigAsync() });
        var manifest = await _harness.ManifestAsync();
        var store = new BlobStore(_harness.Bundle);

        Assert.True(exit == 0, _harness.Output.ToString());
        Assert.Equal(4, manifest.Images.Count);
        var multi = manifest.Images[$"{host}/team/multi:1.0"];
        Assert.Equal(MediaTypes.OciIndex, multi.IndexMediaType);
        Assert.True(store.Has(multi.IndexDigest!));
        Assert.Equal(_images.Digests[TestImages.Web], multi.ManifestDigest);
        var floating = manifest.Images[$"{host}/team/web"];
        Assert.True(floating.Floating);
        Assert.Equal(manifest.Images[$"{host}/team/web:1.0"].ManifestDigest, floating.ManifestDigest);
        Assert.False(manifest.Images[$"{host}/team/web:1.0"].Floating);
        Assert.Equal(MediaTypes.DockerManifest, manifest.Images[$"{host}/team/hello:1.0"].ManifestMediaType);
        Assert.Contains(_images.BaseLayerDigest, manifest.Images[$"{host}/team/hello:1.0"].Blobs);
        Assert.Contains(_images.BaseLayerDigest, manifest.Images[$"{host}/team/web:1.0"].Blobs);
        Assert.All(manifest.Images.Values.SelectMany(i => i.Blobs), d => Assert.True(store.Has(d)));
        Assert.Single(store.EnumerateDigests(), d => d == _images.BaseLayerDigest);
    }

    [RegistryFact]
    public async Task Mirror_SecondRunUnchanged_DownloadsNoImageAndDigestRefsSendNothing()
    {
        var host = _registry!.Host;
        _harness.AddPackage("web", "1.0", 0, MirrorRunnerTests.Resource(assets: [], images: [$"{host}/team/web:1.0", $"{host}/team/web@{_images.Digests[TestImages.Web]}"]));
        var args = _harness.Args() with { RegistryConfig = await RegistryConfigAsync() };
        Assert.Equal(0, await _harness.MirrorAsync(args));
        var before = _registry.TokenServer!.TokensIssued;

        var exit = await _harness.MirrorAsync(args);

        Assert.Equal(0, exit);
        Assert.Matches(@"\n1\s+1\s+0\s+0\s+2\s+0\s+0 B", _harness.Output.ToString());
        Assert.True(_registry.TokenServer.TokensIssued - before <= 1, "one token for the one manifest HEAD at most");
    }

    [RegistryFact]
    public async Task Mirror_WrongRegistryCredentials_PackageIncompleteWithRegistryCause()
    {
        var host = _registry!.Host;
        _harness.AddPackage("web", "1.0", 0, MirrorRunnerTests.Resource(assets: [], images: [$"{host}/team/web:1.0"]));
        var file = Path.Combine(_harness.Root, "registries.json");
        await File.WriteAllTextAsync(file, $$"""{ "{{host}}": { "Username": "{{_registry.Username}}", "PasswordFile": "{{_registry.WritePasswordFile("wrong")}}" } }""");

        var exit = await _harness.MirrorAsync(_harness.Args() with { RegistryConfig = file });
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages[0].Failures);

        Assert.Equal(1, exit);
        Assert.Equal(Universe.Builder.Bundles.FailureCause.Registry, failure.Cause);
        Assert.Contains("Unauthorized", failure.Detail, StringComparison.Ordinal);
    }
}
