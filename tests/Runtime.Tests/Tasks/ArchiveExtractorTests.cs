using System.Runtime.Versioning;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "rtexec-archive-" + Guid.NewGuid().ToString("N"));
    private readonly string _sandbox;
    private readonly ArchiveExtractor _extractor = new(1 << 20, 100);

    public ArchiveExtractorTests()
    {
        _sandbox = Path.Combine(_work, "sandbox");
        Directory.CreateDirectory(_sandbox);
    }

    [Fact]
    public async Task ExtractAsync_Zip_WritesFilesWithModes()
    {
        var zip = Path.Combine(_work, "app.zip");
        ArchiveFactory.Zip(zip, ("bin/", null, 0), ("bin/run.sh", "#!/bin/sh\necho hi\n", 0x81ED), ("conf/app.conf", "x=1", 0));

        await _extractor.ExtractAsync(zip, ArchiveKind.Zip, _sandbox, CancellationToken.None);

        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(Path.Combine(_sandbox, "bin/run.sh")));
        Assert.True(File.GetUnixFileMode(Path.Combine(_sandbox, "bin/run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("x=1", File.ReadAllText(Path.Combine(_sandbox, "conf/app.conf")));
    }

    [Fact]
    public async Task ExtractAsync_TarGzWithLinks_CreatesFilesAndInsideLinks()
    {
        var archive = Path.Combine(_work, "app.tar.gz");
        ArchiveFactory.TarGz(
            archive,
            ArchiveFactory.Directory("app/"),
            ArchiveFactory.File("app/bin/tool", "tool", (UnixFileMode)0x1ED),
            ArchiveFactory.Symlink("app/lib/tool-link", "../bin/tool"),
            ArchiveFactory.HardLink("app/tool-copy", "app/bin/tool"));

        await _extractor.ExtractAsync(archive, ArchiveKind.TarGzip, _sandbox, CancellationToken.None);

        Assert.Equal("tool", File.ReadAllText(Path.Combine(_sandbox, "app/bin/tool")));
        Assert.Equal("../bin/tool", new FileInfo(Path.Combine(_sandbox, "app/lib/tool-link")).LinkTarget);
        Assert.Equal("tool", File.ReadAllText(Path.Combine(_sandbox, "app/lib/tool-link")));
        Assert.Equal("tool", File.ReadAllText(Path.Combine(_sandbox, "app/tool-copy")));
        Assert.True(File.GetUnixFileMode(Path.Combine(_sandbox, "app/bin/tool")).HasFlag(UnixFileMode.UserExecute));
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("a/../../evil.txt")]
    [InlineData("/tmp/evil.txt")]
    public async Task ExtractAsync_ZipSlipEntry_RejectedAndNothingOutside(string name)
    {
        var zip = Path.Combine(_work, "evil.zip");
        ArchiveFactory.Zip(zip, (name, "pwned", 0));

        var error = await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(zip, ArchiveKind.Zip, _sandbox, CancellationToken.None));

        Assert.Contains("escapes the sandbox", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "evil.txt")));
    }

    [Fact]
    public async Task ExtractAsync_ZipSymlinkOutside_Rejected()
    {
        var zip = Path.Combine(_work, "evil-link.zip");
        ArchiveFactory.Zip(zip, ("etc", "../../../etc", 0xA1FF));

        var error = await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(zip, ArchiveKind.Zip, _sandbox, CancellationToken.None));

        Assert.Contains("points outside the sandbox", error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(_sandbox, "etc")));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("/tmp/abs.txt")]
    public async Task ExtractAsync_TarEntryEscaping_Rejected(string name)
    {
        var archive = Path.Combine(_work, "evil.tar.gz");
        ArchiveFactory.TarGz(archive, ArchiveFactory.File(name, "pwned"));

        await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(archive, ArchiveKind.TarGzip, _sandbox, CancellationToken.None));

        Assert.False(File.Exists(Path.Combine(_work, "outside.txt")));
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("../..")]
    [InlineData("sub/../../x")]
    public async Task ExtractAsync_TarSymlinkOutside_Rejected(string target)
    {
        var archive = Path.Combine(_work, "evil-link.tar.gz");
        ArchiveFactory.TarGz(archive, ArchiveFactory.Directory("sub/"), ArchiveFactory.Symlink("link", target));

        var error = await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(archive, ArchiveKind.TarGzip, _sandbox, CancellationToken.None));

        Assert.Contains("points outside the sandbox", error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(_sandbox, "link")));
    }

    [Fact]
    public async Task ExtractAsync_TarLinkChainClimbingThroughLink_Rejected()
    {
        var archive = Path.Combine(_work, "chain.tar.gz");
        ArchiveFactory.TarGz(archive, ArchiveFactory.Symlink("escape", "here/.."), ArchiveFactory.Symlink("here", "."));

        await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(archive, ArchiveKind.TarGzip, _sandbox, CancellationToken.None));

        Assert.False(Path.Exists(Path.Combine(_sandbox, "escape")));
    }

    [Fact]
    public async Task ExtractAsync_TarWriteThroughEarlierLink_StaysInside()
    {
        var first = Path.Combine(_work, "first.tar.gz");
        ArchiveFactory.TarGz(first, ArchiveFactory.Directory("data/"), ArchiveFactory.Symlink("d", "data"));
        await _extractor.ExtractAsync(first, ArchiveKind.TarGzip, _sandbox, CancellationToken.None);
        var second = Path.Combine(_work, "second.tar.gz");
        ArchiveFactory.TarGz(second, ArchiveFactory.File("d/file.txt", "inside"));

        await _extractor.ExtractAsync(second, ArchiveKind.TarGzip, _sandbox, CancellationToken.None);

        Assert.Equal("inside", File.ReadAllText(Path.Combine(_sandbox, "data/file.txt")));
    }

    [Fact]
    public async Task ExtractAsync_MoreBytesThanAllowed_Rejected()
    {
        var zip = Path.Combine(_work, "big.zip");
        ArchiveFactory.Zip(zip, ("big.bin", new string('0', 2 << 20), 0));

        var error = await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(zip, ArchiveKind.Zip, _sandbox, CancellationToken.None));

        Assert.Contains("expands to more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_TooManyEntries_Rejected()
    {
        var zip = Path.Combine(_work, "many.zip");
        ArchiveFactory.Zip(zip, [.. Enumerable.Range(0, 101).Select(i => ("f" + i, (string?)"x", 0))]);

        var error = await Assert.ThrowsAsync<FetchException>(() => _extractor.ExtractAsync(zip, ArchiveKind.Zip, _sandbox, CancellationToken.None));

        Assert.Contains("more than 100 entries", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.tar.gz", "TarGzip")]
    [InlineData("a.TGZ", "TarGzip")]
    [InlineData("a.tar", "Tar")]
    [InlineData("a.zip", "Zip")]
    [InlineData("a.json.gz", "Gzip")]
    [InlineData("a.tar.xz", "None")]
    [InlineData("run.sh", "None")]
    public void FromFileName_Name_DetectsKind(string name, string expected)
    {
        Assert.Equal(expected, ArchiveKinds.FromFileName(name).ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
