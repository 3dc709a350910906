using Universe.Builder.Bundles;
using Universe.Builder.Tests.TestSupport;
using Universe.Registry;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// A re-mirror that cannot reach an origin keeps what the bundle already holds (still served, still kept by gc; the
/// package is marked incomplete), a changed sha256 is checked rather than vouched for by a 304, and programs sharing
/// a bundle take turns (<see cref="BundleLock"/>).
/// </summary>
public sealed class MirrorKeepsStoredTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Asset = "an asset the bundle already holds"u8.ToArray();
    private readonly MirrorHarness _harness = new();
    private UpstreamServer _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("asset.bin", Asset);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    [RegistryFact]
    public async Task Remirror_RegistryGoneOrNotTried_StoredImageAndUrlStayInTheBundleAndGcKeepsTheirBlobs()
    {
        var images = await TestImages.SharedAsync();
        string image;
        ImageEntry before;
        await using (var registry = await RegistryServer.StartAsync(RegistryAuthMode.None))
        {
            await images.PushAsync(registry, TestImages.Web, "team/web", "1.0");
            image = $"{registry.Host}/team/web:1.0";
            _harness.AddPackage("web", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("asset.bin")], images: [image]));
            Assert.Equal(ExitCodes.Success, await _harness.MirrorAsync(_harness.Args()));
            before = (await _harness.ManifestAsync()).Images[image];

            // --fail-fast, stopped by a failing URL before the stored URL and the image were tried.
            _harness.AddPackage("web", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("fail/other.bin"), _upstream.Url("asset.bin")], images: [image]));
            _upstream.Add("other.bin", "other"u8.ToArray());
            Assert.Equal(ExitCodes.Findings, await _harness.MirrorAsync(_harness.Args(failFast: true, jobs: 1)));
            var stopped = await _harness.ManifestAsync();
            AssertSameImage(before, stopped.Images[image]);
            Assert.True(stopped.Resources.ContainsKey(_upstream.Url("asset.bin")));
            Assert.Contains(stopped.Packages.Single().Failures, f => f.Artifact == image && f.Cause == FailureCause.NotAttempted);
        }

        // The registry is gone now: the image fails (after its retries), the stored copy stays.
        _harness.AddPackage("web", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("asset.bin")], images: [image]));
        var exit = await _harness.MirrorAsync(_harness.Args(policy: new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10) }));
        var manifest = await _harness.ManifestAsync();
        var gc = await new GcRunner(TextWriter.Null, TextWriter.Null).RunAsync(new GcArgs(_harness.Bundle, DryRun: false), CancellationToken.None);
        var store = new BlobStore(_harness.Bundle);

        Assert.Equal(ExitCodes.Findings, exit);
        AssertSameImage(before, manifest.Images[image]);
        var package = manifest.Packages.Single();
        Assert.False(package.Complete);
        Assert.Contains(package.Failures, f => f.Artifact == image && f.Cause != FailureCause.NotAttempted);
        Assert.Equal(ExitCodes.Success, gc);
        Assert.All(before.Blobs, d => Assert.True(store.Has(d), d + " was collected"));
    }

    [Fact]
    public async Task Remirror_DeclaredSha256NoLongerTheStoredCopy_CheckedWithAFullRequestNotVouchedForBy304()
    {
        var url = _upstream.Url("asset.bin");
        _harness.AddPackage("tool", "1.0", 0, MirrorRunnerTests.Resource(assets: [], cli: (url, UpstreamServer.Sha256(Asset))));
        Assert.Equal(ExitCodes.Success, await _harness.MirrorAsync(_harness.Args()));
        var declared = UpstreamServer.Sha256("what the new revision says the file is"u8.ToArray());
        _harness.AddPackage("tool", "1.0", 0, MirrorRunnerTests.Resource(assets: [], cli: (url, declared)));
        while (_upstream.Requests.TryDequeue(out _))
        {
        }

        var exit = await _harness.MirrorAsync(_harness.Args());
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages.Single().Failures);
        var request = Assert.Single(_upstream.Requests);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Equal(FailureCause.DigestMismatch, failure.Cause);
        Assert.Contains(declared, failure.Detail, StringComparison.Ordinal);
        Assert.Equal(200, request.Status);
        Assert.Equal(string.Empty, request.IfNoneMatch);
        Assert.Equal(string.Empty, request.IfModifiedSince);
    }

    [Fact]
    public async Task Mirror_TwoPackagesDeclareDifferentSha256ForOneUrl_ReportedForBothNothingFetched()
    {
        var url = _upstream.Url("asset.bin");
        var other = UpstreamServer.Sha256("not the file"u8.ToArray());
        _harness.AddPackage("right", "1.0", 0, MirrorRunnerTests.Resource(assets: [], cli: (url, UpstreamServer.Sha256(Asset))));
        _harness.AddPackage("wrong", "1.0", 0, MirrorRunnerTests.Resource(assets: [], cli: (url, other)));

        var exit = await _harness.MirrorAsync(_harness.Args());
        var manifest = await _harness.ManifestAsync();

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Equal(0, _upstream.Hits("asset.bin"));
        Assert.All(manifest.Packages, p =>
        {
            var failure = Assert.Single(p.Failures);
            Assert.Equal(FailureCause.DigestMismatch, failure.Cause);
            Assert.Contains(other, failure.Detail, StringComparison.Ordinal);
            Assert.Contains(UpstreamServer.Sha256(Asset), failure.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GcMirrorImportExport_WhileAnotherProgramHoldsTheBundle_RefusedWithAClearMessageAndNothingTouched()
    {
        _harness.AddPackage("tool", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("asset.bin")]));
        Assert.Equal(ExitCodes.Success, await _harness.MirrorAsync(_harness.Args()));
        var store = new BlobStore(_harness.Bundle);
        var stray = await store.ImportAsync("stored by a mirror still running, not in bundle.json yet"u8.ToArray());
        var partial = Path.Combine(store.IngestDirectory, "being-written.partial");
        await File.WriteAllTextAsync(partial, "half a download");

        var export = Path.Combine(_harness.Root, "bundle.tar");
        Assert.Equal(ExitCodes.Success, (await UniverseProcess.RunAsync(["export", _harness.Bundle, "-o", export])).Exit);

        (int Exit, string Output)[] refused;
        using (var held = BundleLock.TryAcquire(_harness.Bundle, exclusive: true, "mirrored into", out _))
        {
            Assert.NotNull(held);
            refused =
            [
                await UniverseProcess.RunAsync(["gc", _harness.Bundle]),
                await UniverseProcess.RunAsync(["mirror", "--source", _harness.Source, "--out", _harness.Bundle]),
                await UniverseProcess.RunAsync(["import", export, "--out", _harness.Bundle]),
                await UniverseProcess.RunAsync(["export", _harness.Bundle, "-o", Path.Combine(_harness.Root, "second.tar")]),
            ];
            Assert.Null(BundleLock.TryAcquire(_harness.Bundle, exclusive: false, "exported", out var problem));
            Assert.Contains("in use", problem, StringComparison.Ordinal);
        }

        Assert.All(refused, run =>
        {
            Assert.Equal(ExitCodes.Usage, run.Exit);
            Assert.Contains("in use by another universe", run.Output, StringComparison.Ordinal);
        });
        Assert.False(File.Exists(Path.Combine(_harness.Root, "second.tar")));
        Assert.True(store.Has(stray));
        Assert.True(File.Exists(partial));

        // An export in progress (shared) lets another export run, but not gc.
        using (var exporting = BundleLock.TryAcquire(_harness.Bundle, exclusive: false, "exported", out _))
        {
            Assert.NotNull(exporting);
            Assert.Equal(ExitCodes.Success, (await UniverseProcess.RunAsync(["export", _harness.Bundle, "-o", Path.Combine(_harness.Root, "third.tar")])).Exit);
            Assert.Equal(ExitCodes.Usage, (await UniverseProcess.RunAsync(["gc", _harness.Bundle])).Exit);
        }

        Assert.True(store.Has(stray));

        // Released (as when that program ends, however it ends): gc runs.
        var after = await UniverseProcess.RunAsync(["gc", _harness.Bundle]);
        Assert.Equal(ExitCodes.Success, after.Exit);
        Assert.False(store.Has(stray));
        Assert.False(File.Exists(partial));
    }

    private static void AssertSameImage(ImageEntry expected, ImageEntry actual)
    {
        Assert.Equal(expected.ManifestDigest, actual.ManifestDigest);
        Assert.Equal(expected.Blobs, actual.Blobs);
    }
}
