using System.Text.Json.Nodes;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Registry;

namespace Universe.Builder.Tests.Mirroring;

public sealed class MirrorRunnerTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Small = "small asset"u8.ToArray();
    private static readonly byte[] Big = [.. Enumerable.Range(0, 600_000).Select(i => (byte)(i * 7 % 251))];
    private static readonly byte[] Cli = "#!/bin/sh\necho cli\n"u8.ToArray();
    private static readonly byte[] Wrong = "#!/bin/sh\necho tampered\n"u8.ToArray();
    private readonly MirrorHarness _harness = new();
    private UpstreamServer _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("small.txt", Small);
        _upstream.Add("big.bin", Big);
        _upstream.Add("cli", Cli);
        _upstream.Add("wrong.bin", Wrong);
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Mirror_MisbehavingUpstream_RecordsEachFailureKeepsGoingAndExits1()
    {
        _harness.AddPackage("good", "1.0", 0, Resource(
            assets: [_upstream.Url("small.txt"), _upstream.Url("slow/big.bin"), _upstream.Url("cut/big.bin"), _upstream.Url("flaky/small.txt")],
            cli: (_upstream.Url("cli"), UpstreamServer.Sha256(Cli))));
        _harness.AddPackage("broken", "2.0", 0, Resource(
            assets: [_upstream.Url("fail/small.txt")],
            cli: (_upstream.Url("wrong.bin"), UpstreamServer.Sha256(Cli))));

        var exit = await _harness.MirrorAsync(_harness.Args());
        var manifest = await _harness.ManifestAsync();
        var blobs = new BlobStore(_harness.Bundle);

        Assert.Equal(ExitCodes.Findings, exit);
        var good = Assert.Single(manifest.Packages, p => p.Name == "good");
        Assert.True(good.Complete, string.Join("; ", good.Failures));
        var broken = Assert.Single(manifest.Packages, p => p.Name == "broken");
        Assert.False(broken.Complete);
        Assert.Contains(broken.Failures, f => f.Cause == FailureCause.HttpStatus && f.Detail.Contains("500", StringComparison.Ordinal) && f.Artifact.EndsWith("fail/small.txt", StringComparison.Ordinal));
        Assert.Contains(broken.Failures, f => f.Cause == FailureCause.DigestMismatch && f.Detail.Contains(UpstreamServer.Sha256(Cli), StringComparison.Ordinal));
        Assert.Equal(Big, await File.ReadAllBytesAsync(blobs.GetPath(manifest.Resources[_upstream.Url("cut/big.bin")].Digest)));
        Assert.Equal(Big, await File.ReadAllBytesAsync(blobs.GetPath(manifest.Resources[_upstream.Url("slow/big.bin")].Digest)));
        var resumed = Assert.Single(_upstream.Requests, r => r.Path == "/cut/big.bin" && r.Status == 206);
        Assert.InRange(long.Parse(resumed.Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture), 1, Big.Length / 2);
        Assert.Equal(3, _upstream.Hits("flaky/small.txt"));
        Assert.Equal(4, _upstream.Hits("fail/small.txt"));
        Assert.False(blobs.Has("sha256:" + UpstreamServer.Sha256(Wrong)));
        Assert.DoesNotContain(Directory.EnumerateFiles(blobs.IngestDirectory), f => !f.EndsWith(".validator", StringComparison.Ordinal) && new FileInfo(f).Length == Wrong.Length);
        Assert.Contains("broken:2.0", _harness.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("DigestMismatch", _harness.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_SecondRunUnchanged_SendsOnlyConditionalRequestsAndDownloadsNothing()
    {
        _harness.AddPackage("good", "1.0", 0, Resource(
            assets: [_upstream.Url("small.txt"), _upstream.Url("big.bin")],
            cli: (_upstream.Url("cli"), UpstreamServer.Sha256(Cli))));
        Assert.Equal(ExitCodes.Success, await _harness.MirrorAsync(_harness.Args()));
        var manifestPath = Path.Combine(_harness.Bundle, BundleManifest.FileName);
        var before = await File.ReadAllTextAsync(manifestPath);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(manifestPath, stamp);
        _upstream.Requests.Clear();

        var exit = await _harness.MirrorAsync(_harness.Args());

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(2, _upstream.Requests.Count);
        Assert.All(_upstream.Requests, r => Assert.Equal(304, r.Status));
        Assert.All(_upstream.Requests, r => Assert.NotEmpty(r.IfNoneMatch));
        Assert.Equal(before, await File.ReadAllTextAsync(manifestPath));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(manifestPath)); // not rewritten when nothing changed
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_harness.Bundle, "ingest"))); // no partials left by 304s
        Assert.Matches(@"\n1\s+1\s+0\s+0\s+3\s+0\s+0 B", _harness.Output.ToString());
    }

    [Fact]
    public async Task Mirror_UpstreamChanged_FetchesOnlyTheNewContent()
    {
        _harness.AddPackage("good", "1.0", 0, Resource(assets: [_upstream.Url("small.txt"), _upstream.Url("big.bin")]));
        Assert.Equal(ExitCodes.Success, await _harness.MirrorAsync(_harness.Args()));
        _upstream.Add("small.txt", "changed"u8.ToArray());
        _upstream.Requests.Clear();

        Assert.Equal(ExitCodes.Success, await _harness.MirrorAsync(_harness.Args()));
        var manifest = await _harness.ManifestAsync();

        Assert.Equal([("/big.bin", 304), ("/small.txt", 200)], _upstream.Requests.Select(r => (r.Path, r.Status)).Order());
        Assert.Equal("sha256:" + UpstreamServer.Sha256("changed"u8.ToArray()), manifest.Resources[_upstream.Url("small.txt")].Digest);
    }

    [Fact]
    public async Task Mirror_StalledServer_FailsWithTimeout()
    {
        _harness.AddPackage("slowpoke", "1.0", 0, Resource(assets: [_upstream.Url("stall/small.txt")]));

        var exit = await _harness.MirrorAsync(_harness.Args(policy: new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(10), ReadIdleTimeout = TimeSpan.FromMilliseconds(300) }));
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages[0].Failures);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Equal(FailureCause.Timeout, failure.Cause);
    }

    [Fact]
    public async Task Mirror_FailFast_StopsAndRecordsWhatWasNotTried()
    {
        _harness.AddPackage("a", "1.0", 0, Resource(assets: [_upstream.Url("fail/small.txt")]));
        _harness.AddPackage("b", "1.0", 0, Resource(assets: [.. Enumerable.Range(0, 30).Select(i => _upstream.Url($"small.txt?n={i}"))]));

        var exit = await _harness.MirrorAsync(_harness.Args(failFast: true, jobs: 1));
        var manifest = await _harness.ManifestAsync();

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.False(manifest.Packages.Single(p => p.Name == "a").Complete);
        Assert.Contains(manifest.Packages.Single(p => p.Name == "b").Failures, f => f.Cause == FailureCause.NotAttempted);
    }

    [Fact]
    public async Task Mirror_IncludeMatchingNothing_Exit2NamingIt()
    {
        _harness.AddPackage("good", "1.0", 0, Resource(assets: []));

        var exit = await _harness.MirrorAsync(_harness.Args(new MirrorSelection([PackageSpec.Parse("good:9.9")], false, [], false)));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("good:9.9", _harness.Error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_harness.Bundle, BundleManifest.FileName)));
    }

    [Fact]
    public async Task MirrorCommand_DryRunJson_PrintsPlanWithSizesFromHead()
    {
        _harness.AddPackage("good", "1.0", 0, Resource(assets: [_upstream.Url("small.txt"), _upstream.Url("big.bin")], images: ["nginx:1.25"]));
        var output = new StringWriter();
        var runner = new MirrorRunner(output, new StringWriter(), false, TimeProvider.System);
        var command = MirrorCommand.Create(runner.RunAsync);

        var exit = await command.Parse(["--source", _harness.Source, "--dry-run", "--json"]).InvokeAsync();
        var plan = JsonNode.Parse(output.ToString())!;

        Assert.Equal(0, exit);
        Assert.Equal(2, plan["totals"]!["resources"]!.GetValue<int>());
        Assert.Equal(1, plan["totals"]!["images"]!.GetValue<int>());
        Assert.Equal(Small.Length + Big.Length, plan["totals"]!["knownBytes"]!.GetValue<long>());
        Assert.All(_upstream.Requests, r => Assert.Equal("HEAD", r.Method));
    }

    internal static JsonObject Resource(string[] assets, (string Url, string Sha)? cli = null, string[]? images = null, string? icon = null)
    {
        var uris = new JsonObject();
        for (var i = 0; i < assets.Length; i++)
        {
            uris["a" + i] = assets[i];
        }

        var resource = new JsonObject { ["assets"] = new JsonObject { ["uris"] = uris } };
        if (images is not null)
        {
            var docker = new JsonObject();
            for (var i = 0; i < images.Length; i++)
            {
                docker["i" + i] = images[i];
            }

            resource["assets"]!["container"] = new JsonObject { ["docker"] = docker };
        }

        if (icon is not null)
        {
            resource["images"] = new JsonObject { ["icon-small"] = icon };
        }

        if (cli is { } c)
        {
            resource["cli"] = new JsonObject
            {
                ["binaries"] = new JsonObject
                {
                    ["linux"] = new JsonObject
                    {
                        ["x86-64"] = new JsonObject
                        {
                            ["kind"] = "executable",
                            ["url"] = c.Url,
                            ["contentHash"] = new JsonArray(new JsonObject { ["algo"] = "sha256", ["value"] = c.Sha }),
                        },
                    },
                },
            };
        }

        return resource;
    }
}
