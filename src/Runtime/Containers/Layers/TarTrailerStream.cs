namespace Universe.Runtime.Containers.Layers;

/// <summary>
/// Reads the inner tar stream, then two zero blocks: the end-of-archive marker some writers omit (umoci's
/// <c>insert</c> layers end right after the last header), which .NET's TarReader otherwise reports as a truncated archive.
/// A reader stops at the first zero blocks, so a tar that has its own marker is read exactly as before.
/// </summary>
internal sealed class TarTrailerStream(Stream inner) : Stream
{
    private int _padding = 1024;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return n > 0 ? n : Pad(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return n > 0 ? n : Pad(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Pad(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _padding);
        buffer[..n].Clear();
        _padding -= n;
        return n;
    }
}
