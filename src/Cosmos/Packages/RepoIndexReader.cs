using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Packages;

/// <summary>
/// Reads a repo index, <c>{"packages":[…]}</c> (v3, v4 and v5 share the shape), plain or gzip (detected by its magic
/// bytes). Each entry is decoded on its own: an undecodable entry is reported and the others are kept.
/// </summary>
public static class RepoIndexReader
{
    /// <summary>Reads from <paramref name="stream"/>; throws <see cref="JsonException"/> or <see cref="FormatException"/> when the document itself is not an index.</summary>
    public static async Task<PackageLoadResult> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = new BufferedStream(stream, 64 * 1024);
        var first = new byte[2];
        var read = await buffered.ReadAtLeastAsync(first, 2, throwOnEndOfStream: false, cancellationToken);
        var prefixed = new PrefixStream(first.AsMemory(0, read), buffered);
        Stream source = read == 2 && first[0] == 0x1F && first[1] == 0x8B ? new GZipStream(prefixed, CompressionMode.Decompress) : prefixed;
        await using (source)
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken);
            return Decode(JsonTree.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        }
    }

    /// <summary>Reads a repo index file (plain or gzip).</summary>
    public static async Task<PackageLoadResult> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return await ReadAsync(file, cancellationToken);
    }

    /// <summary>Decodes a parsed index document.</summary>
    public static PackageLoadResult Decode(JsonNode? root)
    {
        if (root is not JsonObject document || document["packages"] is not JsonArray entries)
        {
            throw new FormatException("A repository index is a JSON object with a 'packages' array");
        }

        // Detach the entries from the document so each package's Json is a root (and can be added elsewhere).
        var items = entries.ToArray();
        entries.Clear();
        var slots = new PackageDefinition?[items.Length];
        var errors = new List<PackageLoadError>();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not JsonObject entry)
            {
                errors.Add(new PackageLoadError($"packages[{i}]", "A package must be a JSON object"));
                continue;
            }

            if (PackageDecoder.TryDecode(entry, out var package, out var error))
            {
                slots[i] = package;
            }
            else
            {
                errors.Add(new PackageLoadError(Describe(i, entry), error));
            }
        }

        return new PackageLoadResult(UniverseTreeReader.Collect(slots), errors);
    }

    private static string Describe(int index, JsonObject entry)
    {
        var name = entry["name"] is JsonValue n && n.TryGetValue(out string? s) ? s : null;
        var release = entry["releaseVersion"] is JsonValue r && r.TryGetValue(out long l) ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return name is null ? $"packages[{index}]" : $"packages[{index}] ({name}{(release is null ? string.Empty : "/" + release)})";
    }
}
