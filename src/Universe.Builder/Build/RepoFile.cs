namespace Universe.Builder.Build;

/// <summary>
/// One output file of a build, held as the segments it is the concatenation of (package entries are shared between
/// files, never copied). <see cref="Path"/> is relative with <c>/</c> separators; <see cref="ContentType"/> is the media
/// type served for it. Files with the same <see cref="Identity"/> have the same bytes. <see cref="Entries"/> counts
/// the packages of an index file.
/// </summary>
public sealed record RepoFile(string Path, string ContentType, IReadOnlyList<ReadOnlyMemory<byte>> Segments, string Identity, int Entries = 0)
{
    /// <summary>The length in bytes.</summary>
    public long Length { get; } = Segments.Sum(s => (long)s.Length);

    /// <summary>The bytes, concatenated (for small files and tests).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var offset = 0;
        foreach (var segment in Segments)
        {
            segment.Span.CopyTo(bytes.AsSpan(offset));
            offset += segment.Length;
        }

        return bytes;
    }

    /// <summary>Writes the bytes to <paramref name="stream"/>.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var segment in Segments)
        {
            await stream.WriteAsync(segment, cancellationToken);
        }
    }
}
