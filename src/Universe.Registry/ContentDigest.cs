using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Universe.Registry;

/// <summary>Helpers for OCI content digests. Only <c>sha256</c> is accepted, in its canonical lowercase-hex form.</summary>
public static class ContentDigest
{
    /// <summary>The algorithm prefix of every digest this library produces and accepts.</summary>
    public const string Sha256Prefix = "sha256:";

    /// <summary>True when <paramref name="digest"/> is <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
    public static bool IsValid([NotNullWhen(true)] string? digest)
    {
        if (digest is null || digest.Length != Sha256Prefix.Length + 64 || !digest.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = Sha256Prefix.Length; i < digest.Length; i++)
        {
            var c = digest[i];
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="FormatException"/> unless <paramref name="digest"/> is valid.</summary>
    public static void Validate(string? digest)
    {
        if (!IsValid(digest))
        {
            throw new FormatException("Invalid digest: expected sha256:<64 lowercase hex digits>");
        }
    }

    /// <summary>The 64 hex digits of a valid digest.</summary>
    public static string Hex(string digest)
    {
        Validate(digest);
        return digest[Sha256Prefix.Length..];
    }

    /// <summary>The sha256 digest of <paramref name="content"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>The sha256 digest of a whole stream, read to its end.</summary>
    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken = default) =>
        FromHash(await SHA256.HashDataAsync(content, cancellationToken));

    /// <summary>Formats a raw 32-byte hash as a digest string.</summary>
    public static string FromHash(ReadOnlySpan<byte> hash) => Sha256Prefix + Convert.ToHexStringLower(hash);
}
