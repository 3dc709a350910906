using System.Text;
using Universe.Builder.Build;

namespace Universe.Builder.Tests.Build;

/// <summary>The output swap: a build that fails while writing leaves the previous output exactly as it was, and no temporary directory behind.</summary>
public sealed class RepoOutputWriterTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("builder-out-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Write_FailsHalfwayThroughWriting_PreviousOutputUntouchedAndNoTempLeft()
    {
        var target = Path.Combine(_root.FullName, "target");
        RepoOutputWriter.Write(Set(File("universe.json", "{\"packages\":[1]}"), File("2.0/package/a.json", "{}")), target, CancellationToken.None);
        var before = Snapshot(target);
        var large = File("universe.json", new string('x', 4 << 20));
        var blocked = File("2.0", "a file where the build also needs a directory");

        var failure = Record.Exception(() => RepoOutputWriter.Write(Set(large, File("2.0/package/a.json", "{\"new\":1}"), blocked), target, CancellationToken.None));

        Assert.NotNull(failure);
        Assert.Equal(before, Snapshot(target));
        Assert.Equal(["target"], _root.EnumerateFileSystemInfos().Select(e => e.Name));
    }

    [Fact]
    public void Write_Cancelled_PreviousOutputUntouchedAndNoTempLeft()
    {
        var target = Path.Combine(_root.FullName, "target");
        RepoOutputWriter.Write(Set(File("universe.json", "{\"packages\":[]}")), target, CancellationToken.None);
        var before = Snapshot(target);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => RepoOutputWriter.Write(Set(File("universe.json", "{\"packages\":[2]}")), target, cancelled.Token));

        Assert.Equal(before, Snapshot(target));
        Assert.Equal(["target"], _root.EnumerateFileSystemInfos().Select(e => e.Name));
    }

    [Fact]
    public void Rebuild_UnchangedFilesCarriedOver_ChangedOrTamperedFilesWrittenAgain()
    {
        var target = Path.Combine(_root.FullName, "target");
        RepoFileSet Build(string a) => Set(
            File("universe.json", "{\"packages\":[" + a + "]}"),
            File("2.0/package/a.json", "{\"packages\":[" + a + "]}"),
            File("2.0/package/b.json", "{\"packages\":[\"b\"]}"),
            File("2.0/package/c.json", "{\"packages\":[\"c\"]}"));
        RepoOutputWriter.Write(Build("1"), target, CancellationToken.None);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories))
        {
            System.IO.File.SetLastWriteTimeUtc(file, old);
        }

        // Same length, other bytes: a file changed behind the build's back is compared, not trusted.
        System.IO.File.WriteAllText(Path.Combine(target, "2.0/package/c.json"), "{\"packages\":[\"x\"]}");
        System.IO.File.SetLastWriteTimeUtc(Path.Combine(target, "2.0/package/c.json"), old);

        RepoOutputWriter.Write(Build("2"), target, CancellationToken.None);

        Assert.Equal("{\"packages\":[2]}", System.IO.File.ReadAllText(Path.Combine(target, "universe.json")));
        Assert.Equal("{\"packages\":[\"c\"]}", System.IO.File.ReadAllText(Path.Combine(target, "2.0/package/c.json")));
        Assert.Equal("{\"packages\":[\"b\"]}", System.IO.File.ReadAllText(Path.Combine(target, "2.0/package/b.json")));
        Assert.Equal(old, System.IO.File.GetLastWriteTimeUtc(Path.Combine(target, "2.0/package/b.json")));
        Assert.NotEqual(old, System.IO.File.GetLastWriteTimeUtc(Path.Combine(target, "universe.json")));
        Assert.NotEqual(old, System.IO.File.GetLastWriteTimeUtc(Path.Combine(target, "2.0/package/c.json")));
        Assert.Equal(["target"], _root.EnumerateFileSystemInfos().Select(e => e.Name));
    }

    [Fact]
    public void Rebuild_FailsAfterCarryingFilesOver_PreviousOutputUntouched()
    {
        var target = Path.Combine(_root.FullName, "target");
        RepoOutputWriter.Write(Set(File("universe.json", "{\"packages\":[1]}"), File("2.0/package/a.json", "{}")), target, CancellationToken.None);
        var before = Snapshot(target);

        var failure = Record.Exception(() => RepoOutputWriter.Write(
            Set(File("universe.json", "{\"packages\":[1]}"), File("2.0/package/a.json", "{}"), File("2.0", "a file where the build also needs a directory")),
            target,
            CancellationToken.None));

        Assert.NotNull(failure);
        Assert.Equal(before, Snapshot(target));
        Assert.Equal(["target"], _root.EnumerateFileSystemInfos().Select(e => e.Name));
    }

    private static RepoFile File(string path, string text) =>
        new(path, "application/json", [Encoding.UTF8.GetBytes(text)], path);

    private static RepoFileSet Set(params RepoFile[] files) => new(files, ["2.0"], 1);

    private static string[] Snapshot(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(directory, f) + "=" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(f))))];
}
