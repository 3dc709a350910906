using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>A read-only stream that fails with <see cref="IOException"/> once more than a limit of bytes was read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : ReadOnlyWrappingStream(inner)
{
    private long _read;

    public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    private int Count(int n)
    {
        _read += n;
        return _read > limit ? throw new IOException($"The repository is larger than {limit} bytes") : n;
    }
}
