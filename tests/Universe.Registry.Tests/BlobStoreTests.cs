using System.Text;

namespace Universe.Registry.Tests;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-blobs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ImportAsync_Stream_StoredUnderDigestInOciTree()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes("layer bytes");

        var digest = await store.ImportAsync(new MemoryStream(content));

        Assert.Equal(ContentDigest.Compute(content), digest);
        Assert.Equal(Path.Combine(_root, "blobs", "sha256", digest[7..]), store.GetPath(digest));
        Assert.True(store.Has(digest));
        Assert.Equal(content.Length, store.TryGetSize(digest));
        await using var read = store.OpenRead(digest);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task ImportAsync_WrongDigest_RefusedAndNothingStored()
    {
        var store = new BlobStore(_root);
        var claimed = ContentDigest.Compute(Encoding.UTF8.GetBytes("what the manifest says"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => store.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("tampered")), claimed));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
        Assert.False(store.Has(claimed));
        Assert.Empty(store.EnumerateDigests());
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task ImportAsync_WrongSize_RefusedAndNothingStored()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes("12345");

        var error = await Assert.ThrowsAsync<RegistryException>(() => store.ImportAsync(new MemoryStream(content), expectedSize: 4));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
        Assert.Empty(store.EnumerateDigests());
    }

    [Fact]
    public async Task ImportAsync_SameContentTwice_StoredOnce()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes("shared layer");

        var a = await store.ImportAsync(new MemoryStream(content));
        var b = await store.ImportAsync(content.AsMemory());

        Assert.Equal(a, b);
        Assert.Single(store.EnumerateDigests());
    }

    [Fact]
    public async Task OpenWriter_ResumeKey_PartialSurvivesAndIsContinued()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes(new string('x', 5000) + new string('y', 5000));
        var digest = ContentDigest.Compute(content);

        await using (var first = store.OpenWriter(digest))
        {
            await first.WriteAsync(content.AsMemory(0, 4000));
        }

        await using var second = store.OpenWriter(digest);
        Assert.Equal(4000, second.Length);
        await second.WriteAsync(content.AsMemory(4000));
        var committed = await second.CommitAsync(digest, content.Length);

        Assert.Equal(digest, committed);
        Assert.Equal(content, await store.ReadAllBytesAsync(digest));
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task OpenWriter_ManyMegabytesCutResumedAndReset_StoresExactlyTheLastContent()
    {
        // Several write-behind ranges (the writer hands each few MiB to the kernel's write-back as it goes), a cut
        // mid-range, a resume, and a reset (a server that ignored Range and sent everything again): the blob is
        // exactly the content, nothing stale from before the reset survives.
        var store = new BlobStore(_root);
        var content = new byte[(11 << 20) + 12345];
        new Random(7).NextBytes(content);
        var digest = ContentDigest.Compute(content);
        const int piece = (1 << 20) + 7;

        await using (var first = store.OpenWriter(digest))
        {
            for (var at = 0; at < 6 << 20; at += piece)
            {
                await first.WriteAsync(content.AsMemory(at, Math.Min(piece, (6 << 20) - at)));
            }
        }

        await using var second = store.OpenWriter(digest);
        Assert.Equal(6 << 20, second.Length);
        await second.WriteAsync(content.AsMemory(6 << 20, 3 << 20));
        second.Reset();
        for (var at = 0; at < content.Length; at += piece)
        {
            await second.WriteAsync(content.AsMemory(at, Math.Min(piece, content.Length - at)));
        }

        Assert.Equal(digest, await second.CommitAsync(digest, content.Length));
        Assert.Equal(content, await store.ReadAllBytesAsync(digest));
        Assert.Empty(Directory.GetFiles(store.IngestDirectory));
    }

    [Fact]
    public async Task WriteBehind_OnAPipeOrAClosedHandle_IsSkippedWithoutError()
    {
        using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var pipe = new Microsoft.Win32.SafeHandles.SafeFileHandle(server.SafePipeHandle.DangerousGetHandle(), ownsHandle: false);
        var path = Path.Combine(_root, "closed");
        var closed = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        closed.Dispose();

        WriteBehind.Start(pipe, 0, 8 << 20);
        WriteBehind.Start(closed, 0, 8 << 20);

        // Still in service for real files afterwards: a blob written past several ranges commits intact.
        var content = new byte[9 << 20];
        new Random(3).NextBytes(content);
        Assert.Equal(ContentDigest.Compute(content), await new BlobStore(_root).ImportAsync(new MemoryStream(content)));
    }

    [Fact]
    public async Task OpenWriter_SameKeyWhileClaimed_SecondWriterGetsFreshTemp()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes("concurrent");
        var digest = ContentDigest.Compute(content);

        await using var a = store.OpenWriter(digest);
        await using var b = store.OpenWriter(digest);
        await a.WriteAsync(content);
        await b.WriteAsync(content);

        Assert.Equal(digest, await a.CommitAsync(digest));
        Assert.Equal(digest, await b.CommitAsync(digest));
        Assert.Single(store.EnumerateDigests());
    }

    [Fact]
    public async Task Delete_And_Enumerate_ForGc()
    {
        var store = new BlobStore(_root);
        var a = await store.ImportAsync(Encoding.UTF8.GetBytes("a").AsMemory());
        var b = await store.ImportAsync(Encoding.UTF8.GetBytes("b").AsMemory());
        File.WriteAllText(Path.Combine(store.BlobsDirectory, "not-a-digest"), "x");

        Assert.Equal(new[] { a, b }.Order(), store.EnumerateDigests().Order());
        Assert.True(store.Delete(a));
        Assert.False(store.Delete(a));
        Assert.Equal([b], store.EnumerateDigests());
        var missing = Assert.Throws<RegistryException>(() => store.OpenRead(a));
        Assert.Equal(RegistryErrorKind.NotFound, missing.Kind);
    }

    [Theory]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("sha512:abc")]
    [InlineData("../x")]
    public void GetPath_InvalidDigest_Refused(string digest)
    {
        var store = new BlobStore(_root);

        Assert.Throws<FormatException>(() => store.GetPath(digest));
    }
}
