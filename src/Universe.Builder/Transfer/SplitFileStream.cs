namespace Universe.Builder.Transfer;

/// <summary>
/// A write-only stream over <c>FILE.000</c>, <c>FILE.001</c>, … each at most <c>partSize</c> bytes, and never more than
/// <see cref="MaxPartSize"/> (2^32 − 1, FAT32's largest file: a requested <c>4G</c> is one byte too many);
/// <see cref="Parts"/> lists what was written.
/// </summary>
internal sealed class SplitFileStream(string basePath, long partSize) : Stream
{
    /// <summary>FAT32's largest file, 4 GiB − 1 byte: the cap of every part.</summary>
    public const long MaxPartSize = uint.MaxValue;

    private readonly long _partSize = Math.Min(partSize, MaxPartSize);
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
            if (_current is null || _currentLength == _partSize)
            {
                Next();
            }

            var take = (int)Math.Min(buffer.Length, _partSize - _currentLength);
            _current!.Write(buffer[..take]);
            _currentLength += take;
            buffer = buffer[take..];
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            if (_current is null || _currentLength == _partSize)
            {
                Next();
            }

            var take = (int)Math.Min(buffer.Length, _partSize - _currentLength);
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
        try
        {
            if (disposing)
            {
                Close(_current);
            }
        }
        finally
        {
            _current = null;
            base.Dispose(disposing);
        }
    }

    /// <summary>Flushes a part to the disk and closes it, closing it even when the flush fails (a full disk).</summary>
    private static void Close(FileStream? part)
    {
        try
        {
            part?.Flush(flushToDisk: true);
        }
        finally
        {
            part?.Dispose();
        }
    }

    private void Next()
    {
        var previous = _current;
        _current = null;
        Close(previous);
        var path = PartPath(basePath, Parts.Count);
        _current = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _currentLength = 0;
        Parts.Add(path);
    }
}
