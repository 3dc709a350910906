using System.Formats.Tar;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Builder.Bundles;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Transfer;

namespace Universe.Builder.Tests.Transfer;

/// <summary>
/// <c>universe import</c> of hand-made archives: manifests whose fields <c>serve</c> would trip on, second manifest
/// entries, headers announcing huge manifests or signatures. Each is refused with a clear message, never a stack trace,
/// and nothing is written.
/// </summary>
public sealed class ImportHostileArchiveTests : IDisposable
{
    private const string Image = "127.0.0.1:5000/team/web:1.0";
    private const string Url = "https://downloads.example/tool.tgz";
    private readonly TempRoot _root = new("import-hostile-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => _root.Dispose();

    private string PathIn(string name) => _root.In(name);

    private Task<int> ImportAsync(string file) =>
        TransferCommands.CreateImport(new ImportRunner(_output, _error).RunAsync).Parse([file, "--out", PathIn("offline")]).InvokeAsync();

    private async Task<HandMadeBundle> SourceAsync()
    {
        var bundle = new HandMadeBundle(PathIn("source"));
        await bundle.AddImageAsync(Image, "127.0.0.1:5000", "team/web", "1.0");
        await bundle.AddResourceAsync(Url, "tool"u8.ToArray(), "application/gzip");
        return bundle;
    }

    private static async Task WriteTarAsync(string path, TarEntryFormat format, params (string Name, byte[] Content)[] entries)
    {
        await using var file = File.Create(path);
        await using var tar = new TarWriter(file, format);
        foreach (var (name, content) in entries)
        {
            TarEntry entry = format == TarEntryFormat.Ustar ? new UstarTarEntry(TarEntryType.RegularFile, name) : new PaxTarEntry(TarEntryType.RegularFile, name);
            entry.DataStream = new MemoryStream(content);
            await tar.WriteEntryAsync(entry);
        }
    }

    private static (string, byte[])[] Blobs(HandMadeBundle bundle) =>
        [.. bundle.Store.EnumerateDigests().Order(StringComparer.Ordinal).Select(d => ("blobs/sha256/" + d["sha256:".Length..], File.ReadAllBytes(bundle.Store.GetPath(d))))];

    private void AssertRefusedCleanly(int exit, string expected)
    {
        Assert.Equal(1, exit);
        Assert.Contains(expected, _error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Error: ", _error.ToString().Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(PathIn("offline/bundle.json")));
    }

    [Theory]
    [InlineData("images", Image, "registry", null, "registry is missing")]
    [InlineData("images", Image, "registry", "", "registry is missing")]
    [InlineData("images", Image, "registry", "[x", "registry '[x' is not a registry host")]
    [InlineData("images", Image, "registry", "bad host", "registry 'bad host' is not a registry host")]
    [InlineData("images", Image, "repository", "Team/Web", "repository 'Team/Web'")]
    [InlineData("images", Image, "tag", "bad tag!", "tag 'bad tag!'")]
    [InlineData("images", Image, "manifestDigest", "x", "manifestDigest 'x' is not sha256")]
    [InlineData("images", Image, "manifestMediaType", "text/html", "manifestMediaType 'text/html'")]
    [InlineData("images", Image, "indexDigest", "sha256:12", "indexDigest and indexMediaType go together")]
    [InlineData("resources", Url, "digest", "sha256:ZZ", "digest 'sha256:ZZ' is not sha256")]
    [InlineData("resources", Url, "size", "-1", "size -1 is negative")]
    [InlineData("resources", Url, "mediaType", "text/html\r\nX-Injected: 1", "is not a media type")]
    public async Task Import_ManifestFieldServeWouldTripOn_RefusedBeforeAnythingIsWritten(string section, string key, string field, string? value, string expected)
    {
        var source = await SourceAsync();
        var manifest = JsonNode.Parse(source.Manifest().ToBytes())!;
        manifest[section]![key]![field] = field == "size" ? JsonValue.Create(long.Parse(value!, CultureInfo.InvariantCulture)) : value;
        await WriteTarAsync(PathIn("bad.tar"), TarEntryFormat.Pax, [("bundle.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())), .. Blobs(source)]);

        var exit = await ImportAsync(PathIn("bad.tar"));

        AssertRefusedCleanly(exit, expected);
        Assert.Contains("not a valid bundle manifest", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2}""", "schemaVersion 2 is not supported")]
    [InlineData("""{"schemaVersion":1,"images":null}""", "not a valid bundle manifest")]
    [InlineData("""{"schemaVersion":1,"images":{"127.0.0.1:5000/team/web:1.0":null}}""", "no entry")]
    [InlineData("""{"schemaVersion":1,"packages":[{"name":"x","version":"1","releaseVersion":-1,"resources":[],"images":[],"failures":[]}]}""", "releaseVersion -1 is negative")]
    public async Task Import_ManifestWithNullsOrBadVersions_Refused(string json, string expected)
    {
        await WriteTarAsync(PathIn("bad.tar"), TarEntryFormat.Pax, ("bundle.json", Encoding.UTF8.GetBytes(json)));

        var exit = await ImportAsync(PathIn("bad.tar"));

        AssertRefusedCleanly(exit, expected);
    }

    [Theory]
    [InlineData("bundle.json")]
    [InlineData("bundle.json.sig")]
    public async Task Import_SecondManifestOrSignatureEntry_RefusedClearly(string second)
    {
        var source = await SourceAsync();
        var manifest = source.Manifest().ToBytes();
        await WriteTarAsync(PathIn("twice.tar"), TarEntryFormat.Pax, [("bundle.json", manifest), .. Blobs(source).Take(1), (second, manifest), .. Blobs(source).Skip(1)]);

        var exit = await ImportAsync(PathIn("twice.tar"));

        AssertRefusedCleanly(exit, $"a second '{second}' entry");
    }

    [Theory]
    [InlineData("bundle.json.sig", 100L * 1024 * 1024, "bundle.json.sig is 104857600 bytes; refusing more than 4096")]
    [InlineData("bundle.json.sig", 5000L, "bundle.json.sig is 5000 bytes; refusing more than 4096")]
    [InlineData("bundle.json", 100L * 1024 * 1024, "bundle.json is 104857600 bytes; refusing more than 67108864")]
    public async Task Import_HeaderAnnouncesAnOversizedManifestOrSignature_RefusedWithoutReadingIt(string name, long announced, string expected)
    {
        var manifest = new BundleManifest().ToBytes();
        var entries = name == "bundle.json" ? new[] { ("bundle.json", manifest) } : [("bundle.json", manifest), (name, "ecdsa-sha256 AAAA\n"u8.ToArray())];
        await WriteTarAsync(PathIn("big.tar"), TarEntryFormat.Ustar, entries);
        var bytes = await File.ReadAllBytesAsync(PathIn("big.tar"));
        var header = name == "bundle.json" ? 0 : 512 + ((manifest.Length + 511) / 512 * 512);
        AnnounceSize(bytes, header, announced);
        await File.WriteAllBytesAsync(PathIn("big.tar"), bytes.AsSpan(0, header + 512 + 512).ToArray());

        var exit = await ImportAsync(PathIn("big.tar"));

        AssertRefusedCleanly(exit, expected);
    }

    [Fact]
    public async Task Import_IntoABundleWhoseOwnManifestHasNullsAndBadEntries_MergesTheGoodAndSaysWhatWasLeftOut()
    {
        var source = await SourceAsync();
        await WriteTarAsync(PathIn("good.tar"), TarEntryFormat.Pax, [("bundle.json", source.Manifest().ToBytes()), .. Blobs(source)]);
        Directory.CreateDirectory(PathIn("offline"));
        await File.WriteAllTextAsync(PathIn("offline/bundle.json"), """{"schemaVersion":1,"resources":null,"images":{"quay.io/a/b:1":{"registry":"[x","repository":"a/b","manifestDigest":"x"}}}""");

        var exit = await ImportAsync(PathIn("good.tar"));
        var merged = await BundleManifest.ReadAsync(PathIn("offline"), CancellationToken.None);

        Assert.True(exit == 0, _error.ToString());
        Assert.Contains("had 2 bad entries, left out of the merge", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal([Image], merged!.Images.Keys);
        Assert.Equal([Url], merged.Resources.Keys);
        Assert.Empty(BundleManifestRules.Problems(merged));
    }

    /// <summary>Rewrites a ustar header's size field (octal) and its checksum.</summary>
    private static void AnnounceSize(byte[] tar, int header, long size)
    {
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(tar, header + 124);
        Encoding.ASCII.GetBytes("        ").CopyTo(tar, header + 148);
        var sum = tar.AsSpan(header, 512).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, header + 148);
    }
}
