namespace Universe.Builder.Transfer;

/// <summary>Reads several files one after the other as one stream (the parts of a split export).</summary>
internal sealed class ConcatenatedReadStream(IReadOnlyList<string> paths) : Stream
{
    private int _index = -1;
    private FileStream? _current;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The files of an export: <paramref name="path"/> itself, or <c>path.000</c>, <c>path.001</c>, … (also when given <c>path.000</c>).</summary>
    public static IReadOnlyList<string> Resolve(string path)
    {
        var basePath = path.EndsWith(".000", StringComparison.Ordinal) ? path[..^4] : path;
        if (!path.EndsWith(".000", StringComparison.Ordinal) && File.Exists(path))
        {
            return [path];
        }

        var parts = new List<string>();
        while (File.Exists(SplitFileStream.PartPath(basePath, parts.Count)))
        {
            parts.Add(SplitFileStream.PartPath(basePath, parts.Count));
        }

        return parts;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_current is null && !Advance())
            {
                return 0;
            }

            var read = _current!.Read(buffer);
            if (read > 0 || buffer.Length == 0)
            {
                return read;
            }

            _current.Dispose();
            _current = null;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_current is null && !Advance())
            {
                return 0;
            }

            var read = await _current!.ReadAsync(buffer, cancellationToken);
            if (read > 0 || buffer.Length == 0)
            {
                return read;
            }

            await _current.DisposeAsync();
            _current = null;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }

    private bool Advance()
    {
        if (_index + 1 >= paths.Count)
        {
            return false;
        }

        _index++;
        _current = new FileStream(paths[_index], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return true;
    }
}
