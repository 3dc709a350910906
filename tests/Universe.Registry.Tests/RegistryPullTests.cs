using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>One open registry with the test images pushed once, shared by the tests of a class.</summary>
public sealed class OpenRegistryFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; private set; } = null!;

    public TestImages Images { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RegistryTools.MissingReason(RegistryTools.ImageTools) is not null && !RegistryTools.IsCi)
        {
            return;
        }

        Images = await TestImages.SharedAsync();
        Registry = await RegistryServer.StartAsync();
        await Images.PushAsync(Registry, TestImages.Web, "team/web", "1.0");
        await Images.PushAsync(Registry, TestImages.Hello, "team/hello", "1.0");
        await Images.PushAsync(Registry, TestImages.Multi, "team/multi", "1.0");
        await Images.PushAsync(Registry, TestImages.Hello, "team/hello-docker", "1.0", dockerFormat: true);
        await Images.PushAsync(Registry, TestImages.Web, "library/web", "1.0");
        await Images.PushAsync(Registry, TestImages.Multi, "team/multi-docker", "1.0", dockerFormat: true);
    }

    public async Task DisposeAsync()
    {
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}

public sealed class RegistryPullTests(OpenRegistryFixture fixture) : IClassFixture<OpenRegistryFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-pull-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ImageReference Ref(string repositoryAndTag) => ImageReference.Parse($"{fixture.Registry.Host}/{repositoryAndTag}");

    [RegistryFact]
    public async Task PullAsync_OciImageFromLoopbackRegistry_EverythingStoredAndVerified()
    {
        using var client = new RegistryClient();
        var store = new BlobStore(_root);
        var reports = new List<PullProgress>();

        var pulled = await new ImagePuller(client, store).PullAsync(Ref("team/web:1.0"), new PullOptions { Progress = reports.Add });

        Assert.Equal(fixture.Images.Digests[TestImages.Web], pulled.ManifestDigest);
        Assert.Equal(MediaTypes.OciManifest, pulled.ManifestMediaType);
        Assert.Null(pulled.IndexDigest);
        Assert.Equal(pulled.ManifestDigest, pulled.ResolvedDigest);
        Assert.Equal(2, pulled.Layers.Count);
        Assert.All(pulled.Layers, l => Assert.Equal(l.Size, store.TryGetSize(l.Digest)));
        Assert.True(store.Has(pulled.Config.Digest));
        Assert.True(store.Has(pulled.ManifestDigest));
        Assert.Equal(["/bin/busybox", "httpd", "-f", "-p", "80", "-h", "/www"], pulled.ImageConfig.Entrypoint);
        Assert.Contains("GREETING=hello", pulled.ImageConfig.Env);
        Assert.Equal("/www", pulled.ImageConfig.WorkingDir);
        Assert.Equal(["80/tcp"], pulled.ImageConfig.ExposedPorts);
        Assert.Equal(2, pulled.ImageConfig.DiffIds.Count);
        Assert.Equal(fixture.Registry.Host, pulled.Source);
        var last = reports[^1];
        Assert.Equal(last.BytesTotal, last.BytesDone);
        Assert.Equal(2, last.LayersDone);
        Assert.Equal(2, last.LayersTotal);
        Assert.Equal(pulled.Config.Size + pulled.Layers.Sum(l => l.Size), pulled.BytesDownloaded);
        foreach (var digest in store.EnumerateDigests())
        {
            await using var blob = store.OpenRead(digest);
            Assert.Equal(digest, await ContentDigest.ComputeAsync(blob));
        }
    }

    [RegistryFact]
    public async Task PullAsync_TwoImagesSharingALayer_SharedLayerStoredOnceAndNotRefetched()
    {
        using var client = new RegistryClient();
        var store = new BlobStore(_root);
        var puller = new ImagePuller(client, store);

        var web = await puller.PullAsync(Ref("team/web:1.0"));
        var hello = await puller.PullAsync(Ref("team/hello:1.0"));
        var again = await puller.PullAsync(Ref("team/hello:1.0"));

        Assert.Equal(fixture.Images.BaseLayerDigest, web.Layers[0].Digest);
        Assert.Equal(fixture.Images.BaseLayerDigest, hello.Layers[0].Digest);
        Assert.Equal(hello.Config.Size + hello.Layers[1].Size, hello.BytesDownloaded);
        Assert.Equal(0, again.BytesDownloaded);
        var distinct = new[] { web.Config, hello.Config }.Concat(web.Layers).Concat(hello.Layers).Select(d => d.Digest).Distinct().Count() + 2;
        Assert.Equal(distinct, store.EnumerateDigests().Count());
        Assert.Equal(["/bin/cat", "/etc/hello.txt"], hello.ImageConfig.Cmd);
        Assert.Equal("1000:1000", hello.ImageConfig.User);
    }

    [RegistryFact]
    public async Task ResolveAsync_MultiArchIndex_PicksPlatformAndKeepsIndexBytes()
    {
        using var client = new RegistryClient();
        var store = new BlobStore(_root);
        var image = Ref("team/multi:1.0");

        var amd64 = await new ImagePuller(client, store).PullAsync(image);
        var arm64 = await client.ResolveAsync(image, Platform.Parse("linux/arm64"));
        var missing = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(image, Platform.Parse("linux/s390x")));

        Assert.Equal(fixture.Images.Digests[TestImages.Multi], amd64.IndexDigest);
        Assert.Equal(MediaTypes.OciIndex, amd64.IndexMediaType);
        Assert.Equal(amd64.IndexDigest, amd64.ResolvedDigest);
        Assert.Equal(fixture.Images.Digests[TestImages.Web], amd64.ManifestDigest);
        Assert.True(store.Has(amd64.IndexDigest!));
        Assert.Equal(fixture.Images.Digests[TestImages.WebArm64], arm64.Manifest.Digest);
        Assert.Equal(amd64.IndexDigest, arm64.Index!.Digest);
        Assert.Equal(RegistryErrorKind.PlatformNotFound, missing.Kind);
        Assert.Contains("linux/arm64", missing.Message, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task PullAsync_DockerManifestList_ResolvedToPlatformSchema2Manifest()
    {
        using var client = new RegistryClient(new RegistryClientOptions { Platform = Platform.Parse("linux/arm64") });
        var store = new BlobStore(_root);

        var pulled = await new ImagePuller(client, store).PullAsync(Ref("team/multi-docker:1.0"));

        Assert.Equal(MediaTypes.DockerManifestList, pulled.IndexMediaType);
        Assert.Equal(MediaTypes.DockerManifest, pulled.ManifestMediaType);
        Assert.Equal("arm64", pulled.ImageConfig.Architecture);
        Assert.True(store.Has(pulled.IndexDigest!));
        Assert.Equal(pulled.IndexDigest, (await client.HeadManifestAsync(Ref("team/multi-docker:1.0")))!.Digest);
    }

    [RegistryFact]
    public async Task PullAsync_DockerSchema2Image_Pulled()
    {
        using var client = new RegistryClient();
        var store = new BlobStore(_root);

        var pulled = await new ImagePuller(client, store).PullAsync(Ref("team/hello-docker:1.0"));

        Assert.Equal(MediaTypes.DockerManifest, pulled.ManifestMediaType);
        Assert.Equal(MediaTypes.DockerConfig, pulled.Config.MediaType);
        Assert.All(pulled.Layers, l => Assert.Equal(MediaTypes.DockerLayer, l.MediaType));
        Assert.Equal(["/bin/cat", "/etc/hello.txt"], pulled.ImageConfig.Cmd);
    }

    [RegistryFact]
    public async Task GetManifestAsync_ByDigest_ExactBytesAndHeadAgrees()
    {
        using var client = new RegistryClient();
        var digest = fixture.Images.Digests[TestImages.Web];
        var image = Ref("team/web:1.0");

        var byTag = await client.GetManifestAsync(image);
        var byDigest = await client.GetManifestAsync(image, digest);
        var head = await client.HeadManifestAsync(image);

        Assert.Equal(digest, byTag.Digest);
        Assert.Equal(byTag.Content.ToArray(), byDigest.Content.ToArray());
        Assert.Equal(digest, ContentDigest.Compute(byDigest.Content.Span));
        Assert.Equal(digest, head!.Digest);
        Assert.Equal(byTag.Content.Length, head.Size);
    }

    [RegistryFact]
    public async Task NotFound_TagOrRepository_NotFoundKind()
    {
        using var client = new RegistryClient();

        var tag = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Ref("team/web:nope")));
        var repo = await Assert.ThrowsAsync<RegistryException>(() => client.ListTagsAsync(Ref("team/absent:1")));

        Assert.Equal(RegistryErrorKind.NotFound, tag.Kind);
        Assert.Contains("MANIFEST_UNKNOWN", tag.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.NotFound, repo.Kind);
    }

    [RegistryFact]
    public async Task ListTagsAsync_AllTags()
    {
        using var client = new RegistryClient();
        await fixture.Images.PushAsync(fixture.Registry, TestImages.Hello, "team/tagged", "a");
        await fixture.Images.PushAsync(fixture.Registry, TestImages.Hello, "team/tagged", "b");

        var tags = await client.ListTagsAsync(Ref("team/tagged:a"));

        Assert.Equal(["a", "b"], tags.Order());
    }

    [RegistryFact]
    public async Task PullAsync_DockerHubNameWithMirror_ComesFromMirrorWithoutRewriting()
    {
        var registries = new RegistrySettings();
        registries.Hosts["docker.io"] = new RegistryHostSettings { Mirror = "http://" + fixture.Registry.Host };
        using var client = new RegistryClient(new RegistryClientOptions { Registries = registries });
        var store = new BlobStore(_root);

        var pulled = await new ImagePuller(client, store).PullAsync(ImageReference.Parse("web:1.0"));

        Assert.Equal("docker.io/library/web:1.0", pulled.Image.ToString());
        Assert.Equal(fixture.Registry.Host, pulled.Source);
        Assert.Equal(fixture.Images.Digests[TestImages.Web], pulled.ManifestDigest);
    }

    [RegistryFact]
    public async Task PingAsync_LoopbackPlainHttp_Allowed()
    {
        using var client = new RegistryClient();

        await client.PingAsync(fixture.Registry.Host);
    }
}
