using System.IO.Compression;
using System.Text.Json;

namespace Universe.Cosmos.Packages;

/// <summary>Writes a repo index, <c>{"packages":[…]}</c>, compact UTF-8, optionally gzip-compressed.</summary>
public static class RepoIndexWriter
{
    /// <summary>Writes <paramref name="packages"/> as an index to <paramref name="stream"/> (left open).</summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<PackageDefinition> packages, bool gzip = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(packages);
        var target = gzip ? new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true) : stream;
        try
        {
            await using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Encoder = PackageJsonContext.Compact.Encoder });
            writer.WriteStartObject();
            writer.WriteStartArray("packages");
            foreach (var package in packages)
            {
                package.Json.WriteTo(writer, PackageJsonContext.Compact);
                if (writer.BytesPending > 64 * 1024)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            if (gzip)
            {
                await target.DisposeAsync();
            }
        }
    }

    /// <summary>Writes the index to bytes.</summary>
    public static async Task<byte[]> ToBytesAsync(IEnumerable<PackageDefinition> packages, bool gzip = false, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(buffer, packages, gzip, cancellationToken);
        return buffer.ToArray();
    }
}
