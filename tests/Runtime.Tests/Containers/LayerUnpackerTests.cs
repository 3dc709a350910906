using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Universe.Runtime.Containers.Layers;

namespace Universe.Runtime.Tests.Containers;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LayerUnpackerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("layer-tests-").FullName;

    private string Store => Path.Join(_dir, "store");

    private string Outside => Path.Join(_dir, "outside");

    public LayerUnpackerTests() => Directory.CreateDirectory(Outside);

    public void Dispose()
    {
        foreach (var mounted in Directory.EnumerateDirectories(_dir, "merged*"))
        {
            NativeFs.Unmount(mounted);
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/../escape")]
    public async Task Unpack_TraversingName_IsRefusedAndWritesNothingOutside(string name)
    {
        var layer = Tar(File(name, "pwned"));

        var error = await Assert.ThrowsAsync<LayerException>(() => Unpack(layer, WhiteoutMode.Apply));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Join(_dir, "escape")));
        Assert.False(System.IO.File.Exists("/escape"));
    }

    [Fact]
    public async Task Unpack_AbsoluteName_IsRootedInTheLayerNotTheHost()
    {
        var marker = "/layer-test-" + Guid.NewGuid().ToString("N");
        var layer = Tar(Dir("/"), File(marker, "inside"));

        await Unpack(layer, WhiteoutMode.Apply);

        Assert.Equal("inside", System.IO.File.ReadAllText(Path.Join(Store, marker)));
        Assert.False(System.IO.File.Exists(marker));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unpack_FileThroughAbsoluteSymlink_IsRefusedAndTheTargetStaysEmpty(bool gzip)
    {
        var layer = Tar([Symlink("etc", Outside), File("etc/passwd", "root::0:0::/:/bin/sh")], gzip);

        var error = await Assert.ThrowsAsync<LayerException>(() => Unpack(layer, WhiteoutMode.Apply));

        Assert.Contains("through the symlink", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
    }

    [Fact]
    public async Task Unpack_FileThroughRelativeEscapingSymlink_IsRefused()
    {
        var layer = Tar(Symlink("up", "../outside"), File("up/evil", "x"));

        await Assert.ThrowsAsync<LayerException>(() => Unpack(layer, WhiteoutMode.Apply));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
    }

    [Fact]
    public async Task Unpack_SymlinkFromALowerLayer_IsNotFollowedByALaterLayer()
    {
        await Unpack(Tar(Symlink("data", Outside)), WhiteoutMode.Apply);

        await Assert.ThrowsAsync<LayerException>(() => Unpack(Tar(File("data/x", "x")), WhiteoutMode.Apply));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    public async Task Unpack_DeviceNode_IsRefused(TarEntryType type)
    {
        var layer = Tar(new PaxTarEntry(type, "dev/sda") { DeviceMajor = 8, DeviceMinor = 0, Mode = (UnixFileMode)0x1B6 });

        var error = await Assert.ThrowsAsync<LayerException>(() => Unpack(layer, WhiteoutMode.Apply));

        Assert.Contains("device node", error.Message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Join(Store, "dev", "sda")));
    }

    [Theory]
    [InlineData("../outside/secret")]
    [InlineData("/etc/passwd")]
    public async Task Unpack_HardLinkOutOfTheLayer_IsRefused(string target)
    {
        System.IO.File.WriteAllText(Path.Join(Outside, "secret"), "s");
        var layer = Tar(HardLink("stolen", target));

        await Assert.ThrowsAsync<LayerException>(() => Unpack(layer, WhiteoutMode.Apply));

        Assert.False(System.IO.File.Exists(Path.Join(Store, "stolen")));
    }

    [Fact]
    public async Task Unpack_HardLinkThroughSymlink_IsRefused()
    {
        System.IO.File.WriteAllText(Path.Join(Outside, "secret"), "s");
        var layer = Tar(Symlink("o", Outside), HardLink("stolen", "o/secret"));

        await Assert.ThrowsAsync<LayerException>(() => Unpack(layer, WhiteoutMode.Apply));

        Assert.False(System.IO.File.Exists(Path.Join(Store, "stolen")));
    }

    [Fact]
    public async Task Unpack_OrdinaryLayer_KeepsModesLinksAndReturnsTheDiffId()
    {
        var layer = Tar(
            Dir("bin"),
            File("bin/busybox", "ELF", (UnixFileMode)0x1ED),
            Symlink("bin/sh", "/bin/busybox"),
            HardLink("bin/ls", "bin/busybox"),
            File("etc/motd", "hi"));

        var diffId = await Unpack(layer, WhiteoutMode.Apply);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(layer)), diffId);
        Assert.Equal("/bin/busybox", new FileInfo(Path.Join(Store, "bin", "sh")).LinkTarget);
        Assert.Equal((UnixFileMode)0x1ED, System.IO.File.GetUnixFileMode(Path.Join(Store, "bin", "busybox")));
        Assert.Equal("ELF", System.IO.File.ReadAllText(Path.Join(Store, "bin", "ls")));
        Assert.Equal("hi", System.IO.File.ReadAllText(Path.Join(Store, "etc", "motd")));
    }

    [Fact]
    public async Task Unpack_TarWithoutEndOfArchiveBlocks_IsReadAndHashedAsIs()
    {
        var full = Tar(Dir("/"), File("etc/motd", "hi"));
        var withoutTrailer = full.AsSpan(0, full.Length - 1024).ToArray();
        Assert.All(full[^1024..], b => Assert.Equal(0, b));

        var diffId = await Unpack(withoutTrailer, WhiteoutMode.Apply);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(withoutTrailer)), diffId);
        Assert.Equal("hi", System.IO.File.ReadAllText(Path.Join(Store, "etc", "motd")));
    }

    [Fact]
    public async Task Unpack_Gzip_ReturnsTheDigestOfTheUncompressedTar()
    {
        var tar = Tar(File("a", "1"));

        var diffId = await Unpack(Gzip(tar), WhiteoutMode.Apply);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)), diffId);
    }

    [Fact]
    public async Task Unpack_ApplyMode_WhiteoutsAndOpaqueDirectoriesHideLowerLayers()
    {
        await Unpack(Tar(File("a", "1"), File("keep", "k"), File("dir/x", "x"), File("dir/y", "y"), File("gone/z", "z")), WhiteoutMode.Apply);

        await Unpack(Tar(File(".wh.a", ""), Dir("dir"), File("dir/.wh..wh..opq", ""), File("dir/new", "n"), File(".wh.gone", "")), WhiteoutMode.Apply);

        Assert.Equal(["dir", "keep"], Directory.EnumerateFileSystemEntries(Store).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["new"], Directory.EnumerateFileSystemEntries(Path.Join(Store, "dir")).Select(Path.GetFileName));
    }

    [ContainerFact]
    public async Task Unpack_OverlayMode_WhiteoutsWorkInAnOverlayMount()
    {
        var lower = Path.Join(_dir, "l1");
        var upperLayer = Path.Join(_dir, "l2");
        await LayerUnpacker.UnpackAsync(new MemoryStream(Tar(File("a", "1"), File("keep", "k"), File("dir/x", "x"))), lower, WhiteoutMode.Overlay, default);
        await LayerUnpacker.UnpackAsync(new MemoryStream(Tar(File(".wh.a", ""), File("dir/.wh..wh..opq", ""), File("dir/new", "n"))), upperLayer, WhiteoutMode.Overlay, default);
        var merged = Path.Join(_dir, "merged");
        foreach (var d in (string[])[merged, Path.Join(_dir, "u"), Path.Join(_dir, "w")])
        {
            Directory.CreateDirectory(d);
        }

        NativeFs.MountOverlay(merged, "lowerdir=" + upperLayer + ":" + lower + ",upperdir=" + Path.Join(_dir, "u") + ",workdir=" + Path.Join(_dir, "w"));

        Assert.Equal(["dir", "keep"], Directory.EnumerateFileSystemEntries(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["new"], Directory.EnumerateFileSystemEntries(Path.Join(merged, "dir")).Select(Path.GetFileName));
    }

    [ContainerFact]
    public async Task LayerStore_CollectGarbage_RemovesOnlyUnreferencedLayers()
    {
        var store = new LayerStore(Path.Join(_dir, "layers"));
        var kept = Tar(File("a", "1"));
        var dropped = Tar(File("b", "2"));
        var keptId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(kept));
        var droppedId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(dropped));
        await store.EnsureAsync(keptId, () => new MemoryStream(kept), default);
        await store.EnsureAsync(droppedId, () => new MemoryStream(dropped), default);

        var removed = store.CollectGarbage(new HashSet<string> { keptId });

        Assert.Equal([droppedId], removed);
        Assert.NotNull(store.Find(keptId));
        Assert.Null(store.Find(droppedId));
        await Assert.ThrowsAsync<LayerException>(() => store.EnsureAsync(droppedId, () => new MemoryStream(kept), default));
    }

    private Task<string> Unpack(byte[] layer, WhiteoutMode mode) => LayerUnpacker.UnpackAsync(new MemoryStream(layer), Store, mode, default);

    private static byte[] Tar(params TarEntry[] entries) => Tar(entries, gzip: false);

    private static byte[] Tar(TarEntry[] entries, bool gzip)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return gzip ? Gzip(buffer.ToArray()) : buffer.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    private static PaxTarEntry File(string name, string content, UnixFileMode mode = (UnixFileMode)0x1A4) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = mode };

    private static PaxTarEntry Dir(string name) => new(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ED };

    private static PaxTarEntry Symlink(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    private static PaxTarEntry HardLink(string name, string target) => new(TarEntryType.HardLink, name) { LinkName = target };
}
