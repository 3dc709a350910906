using System.Text;
using System.Text.RegularExpressions;
using Universe.Builder.Tests.TestSupport;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// "No mirrored byte lost", checked at the system-call level: <c>universe mirror</c> runs under <c>strace</c>, and
/// the order of its fsyncs, write-back hints and renames shows that every blob is on disk before it appears under its
/// digest, that the blob tree's directory is flushed before a manifest naming those blobs is committed, and that the
/// manifest's rename is flushed too. What a machine crash at any point leaves is then the old bundle or the new one.
/// </summary>
public sealed partial class MirrorDurabilityTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Large = Bytes(9 << 20, 1);
    private static readonly byte[] Small = Bytes(1000, 2);
    private readonly MirrorHarness _harness = new();
    private UpstreamServer _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("large.bin", Large);
        _upstream.Add("small.bin", Small);
        _harness.AddPackage("durable", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("large.bin"), _upstream.Url("small.bin")]));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    [RegistryFact("strace")]
    public async Task Mirror_UnderStrace_BlobsFlushedBeforeRenameTreeFlushedBeforeManifestManifestRenameFlushed()
    {
        var trace = Path.Combine(_harness.Root, "strace.txt");
        var output = new StringBuilder();
        using (var process = RegistryTools.Start(
            "strace",
            ["-f", "-y", "-qq", "-e", "signal=none", "-e", "trace=fsync,fdatasync,sync_file_range,rename,renameat,renameat2,link,linkat",
                "-o", trace, "dotnet", Path.Combine(AppContext.BaseDirectory, "universe.dll"),
                "mirror", "--source", _harness.Source, "--out", _harness.Bundle, "--jobs", "2"],
            output))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output.ToString());
        }

        var calls = (await File.ReadAllLinesAsync(trace)).Select(Call.Parse).OfType<Call>().ToList();
        var manifest = await _harness.ManifestAsync();
        var tree = Path.Combine(_harness.Bundle, "blobs", "sha256");
        var blobs = manifest.ReferencedDigests().Select(d => Path.Combine(tree, d["sha256:".Length..])).Distinct().ToArray();
        Assert.Equal(3, blobs.Length); // the two assets and the repository index

        var lastBlobMove = -1;
        foreach (var blob in blobs)
        {
            // Moved in from ingest/ (rename, or link + unlink for a move that must not overwrite)...
            var move = calls.FindIndex(c => c.Kind is "rename" or "link" && c.Target == blob);
            Assert.True(move >= 0, $"no move of {blob} in:\n{string.Join('\n', calls)}");
            var temp = calls[move].Source!;
            Assert.StartsWith(Path.Combine(_harness.Bundle, "ingest"), temp, StringComparison.Ordinal);
            // ...only after that ingest file was flushed.
            Assert.True(calls.FindIndex(c => c.Kind == "fsync" && c.Source == temp) is >= 0 and var flushed && flushed < move,
                $"{temp} was not fsynced before it became {blob}:\n{string.Join('\n', calls)}");
            lastBlobMove = Math.Max(lastBlobMove, move);
        }

        // The 9 MiB asset's disk writes started while it was still arriving (write-back every 4 MiB).
        var largeBlob = Path.Combine(tree, UpstreamServer.Sha256(Large));
        var largeTemp = calls.First(c => c.Kind is "rename" or "link" && c.Target == largeBlob).Source;
        Assert.True(calls.Count(c => c.Kind == "sync_file_range" && c.Source == largeTemp) >= 2, string.Join('\n', calls));

        var manifestPath = Path.Combine(_harness.Bundle, "bundle.json");
        var commit = calls.FindLastIndex(c => c.Kind == "rename" && c.Target == manifestPath);
        Assert.True(commit > lastBlobMove, string.Join('\n', calls));
        var treeFlush = calls.FindIndex(lastBlobMove, c => c.Kind == "fsync" && c.Source == tree);
        Assert.True(treeFlush > lastBlobMove && treeFlush < commit, $"the blob tree was not flushed between the last blob and the manifest:\n{string.Join('\n', calls)}");
        Assert.True(calls.FindIndex(commit, c => c.Kind == "fsync" && c.Source == _harness.Bundle) > commit,
            $"the manifest's rename was not flushed:\n{string.Join('\n', calls)}");
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>One traced call: its kind (renameat2 → rename, linkat → link), the file it acts on or moves, and where to.</summary>
    private sealed record Call(string Kind, string? Source, string? Target)
    {
        public static Call? Parse(string line)
        {
            var match = CallPattern().Match(line);
            if (!match.Success)
            {
                return null;
            }

            var kind = match.Groups["name"].Value switch
            {
                "rename" or "renameat" or "renameat2" => "rename",
                "link" or "linkat" => "link",
                var other => other,
            };
            var paths = PathPattern().Matches(match.Groups["args"].Value).Select(m => m.Groups["path"].Value).ToArray();
            return kind is "rename" or "link"
                ? paths.Length >= 2 ? new Call(kind, paths[^2], paths[^1]) : null
                : new Call(kind, paths.FirstOrDefault(), null);
        }

        public override string ToString() => $"{Kind} {Source} {Target}";
    }

    // "1234 fsync(7</dir/file>) = 0", "1234 renameat2(AT_FDCWD, "/a", AT_FDCWD, "/b", RENAME_NOREPLACE <unfinished ...>"
    [GeneratedRegex(@"^\d+\s+(?<name>fsync|fdatasync|sync_file_range|rename|renameat|renameat2|link|linkat)\((?<args>.*)$")]
    private static partial Regex CallPattern();

    // a quoted path argument, or the path strace -y prints after a file descriptor: 7</dir/file>
    [GeneratedRegex(@"""(?<path>/[^""]*)""|\d+<(?<path>/[^>]*)>")]
    private static partial Regex PathPattern();
}
