namespace Universe.Builder.Transfer;

/// <summary>
/// A write-only stream over <c>FILE.000</c>, <c>FILE.001</c>, … each at most <c>partSize</c> bytes (FAT32 media hold
/// files under 4 GiB); <see cref="Parts"/> lists what was written.
/// </summary>
internal sealed class SplitFileStream(string basePath, long partSize) : Stream
{
    private FileStream? _current;
    private long _currentLength;

    public List<string> Parts { get; } = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static string PartPath(string basePath, int index) => $"{basePath}.{index:D3}";

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            if (_current is null || _currentLength == partSize)
            {
                Next();
            }

            var take = (int)Math.Min(buffer.Length, partSize - _currentLength);
            _current!.Write(buffer[..take]);
            _currentLength += take;
            buffer = buffer[take..];
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            if (_current is null || _currentLength == partSize)
            {
                Next();
            }

            var take = (int)Math.Min(buffer.Length, partSize - _currentLength);
            await _current!.WriteAsync(buffer[..take], cancellationToken);
            _currentLength += take;
            buffer = buffer[take..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _current?.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Flush(flushToDisk: true);
            _current?.Dispose();
            _current = null;
        }

        base.Dispose(disposing);
    }

    private void Next()
    {
        _current?.Flush(flushToDisk: true);
        _current?.Dispose();
        var path = PartPath(basePath, Parts.Count);
        _current = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _currentLength = 0;
        Parts.Add(path);
    }
}
