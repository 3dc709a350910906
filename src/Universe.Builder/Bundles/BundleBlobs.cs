using System.Security.Cryptography;

namespace Universe.Builder.Bundles;

/// <summary>
/// <see cref="IBundleBlobs"/> over a bundle directory. TEMPORARY: replaced by an adapter over the shared
/// <c>Universe.Registry</c> blob store once it lands (contract C1).
/// </summary>
public sealed class BundleBlobs : IBundleBlobs
{
    private const string Prefix = "sha256:";

    public BundleBlobs(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, "blobs", "sha256"));
        Directory.CreateDirectory(TemporaryDirectory);
    }

    public string Root { get; }

    public string TemporaryDirectory => Path.Combine(Root, ".partial");

    public bool Contains(string digest) => File.Exists(PathOf(digest));

    public string PathOf(string digest)
    {
        if (digest.Length != Prefix.Length + 64 || !digest.StartsWith(Prefix, StringComparison.Ordinal) || !digest.AsSpan(Prefix.Length).ContainsOnlyHexLower())
        {
            throw new FormatException($"'{digest}' is not a sha256 digest");
        }

        return Path.Combine(Root, "blobs", "sha256", digest[Prefix.Length..]);
    }

    public void AddHashed(string file, string digest)
    {
        var target = PathOf(digest);
        if (File.Exists(target))
        {
            File.Delete(file);
            return;
        }

        File.Move(file, target, overwrite: true);
    }

    public async Task<string> AddAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var digest = Prefix + Convert.ToHexStringLower(SHA256.HashData(content.Span));
        if (!Contains(digest))
        {
            var temp = Path.Combine(TemporaryDirectory, Guid.NewGuid().ToString("N") + ".tmp");
            await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken);
            AddHashed(temp, digest);
        }

        return digest;
    }

    public IEnumerable<string> List() =>
        Directory.EnumerateFiles(Path.Combine(Root, "blobs", "sha256"))
            .Select(Path.GetFileName)
            .Where(n => n is { Length: 64 } && n.AsSpan().ContainsOnlyHexLower())
            .Select(n => Prefix + n);

    /// <summary>Removes partial downloads and temporary files; returns how many.</summary>
    public int CleanTemporary()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(TemporaryDirectory))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    public long Delete(string digest)
    {
        var path = PathOf(digest);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return 0;
        }

        var size = info.Length;
        info.Delete();
        return size;
    }
}

internal static class HexSpanExtensions
{
    public static bool ContainsOnlyHexLower(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
