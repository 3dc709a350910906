using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using Universe.Builder.Bundles;
using Universe.Builder.Tests.TestSupport;
using Universe.Builder.Transfer;

namespace Universe.Builder.Tests.Transfer;

/// <summary><c>universe export</c> at its edges: FAT32's largest file, a full disk, a manifest replaced while exporting.</summary>
public sealed class ExportEdgeTests : IDisposable
{
    private const string Url = "https://downloads.example/big.bin";
    private readonly TempRoot _root = new("export-edge-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => _root.Dispose();

    private string PathIn(string name) => _root.In(name);

    private Task<int> ExportAsync(params string[] args) =>
        TransferCommands.CreateExport(new ExportRunner(_output, _error).RunAsync).Parse(args).InvokeAsync();

    [Theory]
    [InlineData("4G", 4294967295L)]
    [InlineData("4g", 4294967295L)]
    [InlineData("5G", 4294967295L)]
    [InlineData("1T", 4294967295L)]
    [InlineData("10000000T", 4294967295L)]
    [InlineData("79228162514264337593543950335", 4294967295L)]
    [InlineData("4095M", 4293918720L)]
    [InlineData("700M", 734003200L)]
    public async Task SplitSize_FourGiBOrMore_CapsEveryPartAtFat32sLargestFile(string text, long expected)
    {
        ExportArgs? parsed = null;
        var command = TransferCommands.CreateExport((a, _) =>
        {
            parsed = a;
            return Task.FromResult(0);
        });

        var exit = await command.Parse(["bundle", "-o", "x.tar", "--split-size", text]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.Equal(expected, parsed?.SplitSize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1023K")]
    [InlineData("0.5M")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("4GG")]
    [InlineData("1.5.5G")]
    [InlineData("NaN")]
    [InlineData("1e9G")]
    [InlineData("4G\u0000")]
    [InlineData("99999999999999999999999999999T")]
    public async Task SplitSize_Malformed_UsageErrorNamingItNeverACrash(string text)
    {
        var invoked = false;
        var command = TransferCommands.CreateExport((_, _) =>
        {
            invoked = true;
            return Task.FromResult(0);
        });
        var error = new StringWriter();

        var exit = await command.Parse(["bundle", "-o", "x.tar", "--split-size", text]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error });

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.False(invoked);
        Assert.Contains($"--split-size '{text}' is not a size of at least 1M", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"images":null,"resources":null}""")]
    [InlineData("""{"schemaVersion":1,"images":{"quay.io/a/b:1":{"registry":"[x","blobs":null}},"resources":{"https://x.example/a":{"digest":"x"}}}""")]
    public async Task ExportSince_OtherSidesManifestHasNullsOrBadEntries_ExportsEverythingItCannotRuleOut(string since)
    {
        var bundle = new HandMadeBundle(PathIn("bundle"));
        var resource = await bundle.AddResourceAsync(Url, "content"u8.ToArray());
        await bundle.WriteAsync();
        await File.WriteAllTextAsync(PathIn("since.json"), since);

        var exit = await ExportAsync(bundle.Directory, "-o", PathIn("u.tar"), "--since", PathIn("since.json"));

        Assert.True(exit == 0, _error.ToString());
        Assert.Contains("blobs/sha256/" + resource.Digest["sha256:".Length..], (await ReadTarAsync(PathIn("u.tar"))).Keys);
    }

    [Fact]
    public async Task Export_DiskFullWhileWritingAPart_ClearErrorAndNoPartLeft()
    {
        var bundle = new HandMadeBundle(PathIn("bundle"));
        await bundle.AddResourceAsync(Url, RandomNumberGenerator.GetBytes(2_600_000));
        await bundle.WriteAsync();
        Directory.CreateDirectory(PathIn("media"));
        File.CreateSymbolicLink(PathIn("media/u.tar.001"), "/dev/full");

        var exit = await ExportAsync(bundle.Directory, "-o", PathIn("media/u.tar"), "--split-size", "1M");

        Assert.Equal(1, exit);
        Assert.Contains("Error: writing", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("partial export was removed", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(PathIn("media")));
        Assert.True(File.Exists("/dev/full"));
    }

    [Fact]
    public async Task Export_ManifestReplacedWhileExporting_ShipsTheVersionWhoseBlobsItShips()
    {
        var bundle = new HandMadeBundle(PathIn("bundle"));
        await bundle.AddResourceAsync(Url, "version one"u8.ToArray());
        var first = bundle.Manifest().ToBytes();
        await bundle.AddResourceAsync(Url, "version two, mirrored meanwhile"u8.ToArray());
        var second = bundle.Manifest().ToBytes();
        var manifestPath = Path.Combine(bundle.Directory, BundleManifest.FileName);
        using (var mkfifo = Process.Start("mkfifo", [manifestPath]))
        {
            await mkfifo.WaitForExitAsync();
        }

        using var done = new CancellationTokenSource();
        var mirror = Task.Run(async () =>
        {
            foreach (var version in new[] { first, second })
            {
                await using var fifo = new FileStream(manifestPath, FileMode.Open, FileAccess.Write);
                if (done.IsCancellationRequested)
                {
                    return;
                }

                while (OpenCount(manifestPath) < 2)
                {
                    await Task.Delay(10);
                }

                await fifo.WriteAsync(version);
                await fifo.DisposeAsync();
                while (OpenCount(manifestPath) > 0)
                {
                    await Task.Delay(10);
                }
            }
        });

        var exit = await ExportAsync(bundle.Directory, "-o", PathIn("u.tar"));
        await done.CancelAsync();
        await Task.WhenAny(mirror, Task.Delay(200));
        if (!mirror.IsCompleted)
        {
            await using var release = new FileStream(manifestPath, FileMode.Open, FileAccess.Read);
        }

        await mirror;

        Assert.True(exit == 0, _error.ToString());
        var shipped = await ReadTarAsync(PathIn("u.tar"));
        var shippedManifest = BundleManifest.Parse(shipped["bundle.json"]);
        Assert.Equal(first, shipped["bundle.json"]);
        Assert.All(shippedManifest.ReferencedDigests(), d => Assert.True(shipped.ContainsKey("blobs/sha256/" + d["sha256:".Length..]), d));
    }

    /// <summary>
    /// How many file descriptors of this process (the export runs in it) are open on <paramref name="path"/>: the
    /// writer waits for the reader's to be there (a FIFO's writer may get through before the reader's open returns)
    /// and to be gone (else its next open would join the same read).
    /// </summary>
    private static int OpenCount(string path)
    {
        var count = 0;
        foreach (var fd in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget == path)
                {
                    count++;
                }
            }
            catch (IOException)
            {
            }
        }

        return count;
    }

    private static async Task<Dictionary<string, byte[]>> ReadTarAsync(string path)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var reader = new TarReader(File.OpenRead(path));
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            using var content = new MemoryStream();
            await entry.DataStream!.CopyToAsync(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }
}
