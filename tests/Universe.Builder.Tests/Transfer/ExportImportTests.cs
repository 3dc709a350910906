using System.Formats.Tar;
using System.Security.Cryptography;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Transfer;
using Universe.Registry;

namespace Universe.Builder.Tests.Transfer;

public sealed class ExportImportTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Large = SortsLast(RandomNumberGenerator.GetBytes(2_600_000));
    private readonly MirrorHarness _harness = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private UpstreamServer _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("large.bin", Large);
        _upstream.Add("small.txt", "small"u8.ToArray());
        _harness.AddPackage("pkg", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("large.bin"), _upstream.Url("small.txt")]));
        Assert.Equal(0, await _harness.MirrorAsync(_harness.Args()));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string PathIn(string name) => Path.Combine(_harness.Root, name);

    private Task<int> ExportAsync(params string[] args) =>
        TransferCommands.CreateExport(new ExportRunner(_output, _error).RunAsync).Parse(args).InvokeAsync();

    private Task<int> ImportAsync(params string[] args) =>
        TransferCommands.CreateImport(new ImportRunner(_output, _error).RunAsync).Parse(args).InvokeAsync();

    private (string Private, string Public) KeyPair(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(PathIn(name + ".key"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(PathIn(name + ".pub"), key.ExportSubjectPublicKeyInfoPem());
        return (PathIn(name + ".key"), PathIn(name + ".pub"));
    }

    /// <summary>Makes the blob's digest start with "ff", so it is the last blob of an export (exports are in digest order).</summary>
    private static byte[] SortsLast(byte[] content)
    {
        for (var i = 0; ; i++)
        {
            BitConverter.TryWriteBytes(content.AsSpan(content.Length - 4), i);
            var hash = SHA256.HashData(content);
            if (hash[0] == 0xFF)
            {
                return content;
            }
        }
    }

    [Fact]
    public async Task ExportImport_SignedAndSplit_RoundTripsEveryBlobAndTheManifest()
    {
        var (privateKey, publicKey) = KeyPair("signer");

        var exported = await ExportAsync(_harness.Bundle, "-o", PathIn("media/universe.tar"), "--split-size", "1M", "--sign-key", privateKey);
        var parts = Directory.GetFiles(PathIn("media")).Order(StringComparer.Ordinal).ToArray();
        var imported = await ImportAsync(PathIn("media/universe.tar"), "--out", PathIn("offline"), "--trust-key", publicKey);

        Assert.Equal(0, exported);
        Assert.True(parts.Length >= 3, string.Join(", ", parts));
        Assert.All(parts, p => Assert.True(new FileInfo(p).Length <= 1 << 20));
        Assert.Equal(0, imported);
        Assert.Contains("signature verified", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName)), await File.ReadAllBytesAsync(PathIn("offline/bundle.json")));
        var source = new BlobStore(_harness.Bundle);
        var target = new BlobStore(PathIn("offline"));
        Assert.Equal(source.EnumerateDigests().Order(), target.EnumerateDigests().Order());
        Assert.All(target.EnumerateDigests(), d => Assert.Equal(d, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(target.GetPath(d))))));
    }

    [Fact]
    public async Task Export_FirstEntryIsTheManifestAndTheTarIsUncompressed()
    {
        Assert.Equal(0, await ExportAsync(_harness.Bundle, "-o", PathIn("u.tar")));

        await using var reader = new TarReader(File.OpenRead(PathIn("u.tar")));
        var names = new List<string>();
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Equal(BundleManifest.FileName, names[0]);
        Assert.All(names.Skip(1), n => Assert.StartsWith("blobs/sha256/", n, StringComparison.Ordinal));
        Assert.InRange(new FileInfo(PathIn("u.tar")).Length, Large.Length, Large.Length + 64 * 1024);
    }

    [Fact]
    public async Task Import_SignedWithAnotherKey_RefusedAndNothingWritten()
    {
        var (privateKey, _) = KeyPair("signer");
        var (_, otherPublic) = KeyPair("other");
        Assert.Equal(0, await ExportAsync(_harness.Bundle, "-o", PathIn("u.tar"), "--sign-key", privateKey));

        var exit = await ImportAsync(PathIn("u.tar"), "--out", PathIn("offline"), "--trust-key", otherPublic);

        Assert.Equal(1, exit);
        Assert.Contains("signature does not verify", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(PathIn("offline/bundle.json")));
        Assert.Empty(Directory.Exists(PathIn("offline/blobs/sha256")) ? Directory.GetFiles(PathIn("offline/blobs/sha256")) : []);
    }

    [Fact]
    public async Task Import_TamperedBlob_RefusedAndNotStored()
    {
        Assert.Equal(0, await ExportAsync(_harness.Bundle, "-o", PathIn("u.tar")));
        var bytes = await File.ReadAllBytesAsync(PathIn("u.tar"));
        var at = bytes.AsSpan().IndexOf(Large.AsSpan(1000, 64));
        bytes[at] ^= 0xFF;
        await File.WriteAllBytesAsync(PathIn("u.tar"), bytes);

        var exit = await ImportAsync(PathIn("u.tar"), "--out", PathIn("offline"));

        Assert.Equal(1, exit);
        Assert.Contains("corrupt", _error.ToString(), StringComparison.Ordinal);
        Assert.False(new BlobStore(PathIn("offline")).Has("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Large))));
        Assert.False(File.Exists(PathIn("offline/bundle.json")));
    }

    [Theory]
    [InlineData("../escape", TarEntryType.RegularFile)]
    [InlineData("/tmp/absolute", TarEntryType.RegularFile)]
    [InlineData("blobs/sha256/../../escape", TarEntryType.RegularFile)]
    [InlineData("blobs/sha256/0000000000000000000000000000000000000000000000000000000000000000", TarEntryType.SymbolicLink)]
    [InlineData("blobs/sha256/0000000000000000000000000000000000000000000000000000000000000000", TarEntryType.HardLink)]
    [InlineData("blobs", TarEntryType.Directory)]
    public async Task Import_HostileEntry_RefusedAndNothingOutsideTheTarget(string name, TarEntryType type)
    {
        var manifest = await File.ReadAllBytesAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName));
        await using (var file = File.Create(PathIn("evil.tar")))
        await using (var tar = new TarWriter(file, TarEntryFormat.Pax))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, BundleManifest.FileName) { DataStream = new MemoryStream(manifest) });
            var evil = new PaxTarEntry(type, name);
            if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                evil.LinkName = "/etc/passwd";
            }
            else if (type == TarEntryType.RegularFile)
            {
                evil.DataStream = new MemoryStream("pwned"u8.ToArray());
            }

            await tar.WriteEntryAsync(evil);
        }

        var exit = await ImportAsync(PathIn("evil.tar"), "--out", PathIn("deep/offline"));

        Assert.Equal(1, exit);
        Assert.Contains("refusing entry", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(PathIn("deep/escape")));
        Assert.False(File.Exists(PathIn("escape")));
        Assert.False(File.Exists("/tmp/absolute"));
        Assert.False(File.Exists(PathIn("deep/offline/bundle.json")));
    }

    [Fact]
    public async Task Import_InterruptedThenRetried_ResumesWithTheBlobsAlreadyVerified()
    {
        Assert.Equal(0, await ExportAsync(_harness.Bundle, "-o", PathIn("u.tar")));
        var full = await File.ReadAllBytesAsync(PathIn("u.tar"));
        await File.WriteAllBytesAsync(PathIn("cut.tar"), full.AsSpan(0, full.Length - (Large.Length / 2)).ToArray());

        var first = await ImportAsync(PathIn("cut.tar"), "--out", PathIn("offline"));
        var storedAfterCut = new BlobStore(PathIn("offline")).EnumerateDigests().Count();
        var manifestAfterCut = File.Exists(PathIn("offline/bundle.json"));
        var before = (await _harness.ManifestAsync()).ReferencedDigests().Distinct().Count() - 1;
        var second = await ImportAsync(PathIn("u.tar"), "--out", PathIn("offline"));

        Assert.Equal(1, first);
        Assert.True(_error.ToString().Contains("import again to resume", StringComparison.Ordinal), _error.ToString());
        Assert.False(manifestAfterCut);
        Assert.Equal(before, storedAfterCut);
        Assert.Equal(0, second);
        Assert.Contains($"{storedAfterCut} already present", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportSince_CarriesOnlyWhatTheOtherSideLacksAndImportMerges()
    {
        Assert.Equal(0, await ExportAsync(_harness.Bundle, "-o", PathIn("full.tar")));
        Assert.Equal(0, await ImportAsync(PathIn("full.tar"), "--out", PathIn("offline")));
        _upstream.Add("small.txt", "small, version two"u8.ToArray());
        _harness.AddPackage("extra", "2.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("small.txt")]));
        Assert.Equal(0, await _harness.MirrorAsync(_harness.Args()));

        Assert.Equal(0, await ExportAsync(_harness.Bundle, "-o", PathIn("delta.tar"), "--since", PathIn("offline/bundle.json")));
        Assert.Equal(0, await ImportAsync(PathIn("delta.tar"), "--out", PathIn("offline")));
        var merged = await BundleManifest.ReadAsync(PathIn("offline"), CancellationToken.None);

        Assert.True(new FileInfo(PathIn("delta.tar")).Length < Large.Length / 4);
        Assert.Equal(["extra", "pkg"], merged!.Packages.Select(p => p.Name).Order());
        Assert.Equal("sha256:" + UpstreamServer.Sha256("small, version two"u8.ToArray()), merged.Resources[_upstream.Url("small.txt")].Digest);
    }

    [Fact]
    public async Task Gc_AfterUpstreamChange_RemovesOnlyUnreferencedBlobs()
    {
        var blobs = new BlobStore(_harness.Bundle);
        var oldSmall = (await _harness.ManifestAsync()).Resources[_upstream.Url("small.txt")].Digest;
        _upstream.Add("small.txt", "replaced"u8.ToArray());
        Assert.Equal(0, await _harness.MirrorAsync(_harness.Args()));

        var exit = await GcCommand.Create(new GcRunner(_output, _error).RunAsync).Parse([_harness.Bundle]).InvokeAsync();
        var manifest = await _harness.ManifestAsync();

        Assert.Equal(0, exit);
        Assert.False(blobs.Has(oldSmall));
        Assert.All(manifest.ReferencedDigests(), d => Assert.True(blobs.Has(d)));
        Assert.Contains("Removed 1 unreferenced blobs", _output.ToString(), StringComparison.Ordinal);
    }
}
