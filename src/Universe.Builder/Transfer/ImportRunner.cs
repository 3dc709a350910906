using System.Formats.Tar;
using System.Security.Cryptography;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Registry;

namespace Universe.Builder.Transfer;

/// <summary>
/// <c>universe import</c>: reads an export (one file or its <c>.000</c>, <c>.001</c>… parts) into a bundle directory.
/// Only three kinds of entries are accepted, as regular files: <c>bundle.json</c> (first), <c>bundle.json.sig</c>, and
/// <c>blobs/sha256/&lt;hex&gt;</c>; anything else (links, directories, absolute or <c>..</c> paths) is refused, so nothing
/// is written outside the target. With <c>--trust-key</c> the manifest's signature must verify before any blob is
/// written; every blob is hashed and must match its name. Blobs already present are skipped, so an interrupted import
/// resumes, and the manifest is merged into an existing bundle's (the incoming side wins per URL, image and package).
/// </summary>
public sealed class ImportRunner(TextWriter output, TextWriter error)
{
    /// <summary>The largest <c>bundle.json</c> accepted (the upstream universe's whole manifest is a few MiB).</summary>
    public const long MaxManifestBytes = 64L * 1024 * 1024;

    /// <summary>The largest <c>bundle.json.sig</c> accepted (one line of about 100 bytes).</summary>
    public const long MaxSignatureBytes = 4 * 1024;

    private const string BlobPrefix = "blobs/sha256/";

    public async Task<int> RunAsync(ImportArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parts = ConcatenatedReadStream.Resolve(args.File);
        if (parts.Count == 0)
        {
            await error.WriteLineAsync($"Error: {args.File} does not exist (nor {args.File}.000)");
            return ExitCodes.Usage;
        }

        // Exclusive: a gc beside the import would delete the blobs it has stored but not yet named in bundle.json.
        using var bundleLock = await BundleLock.AcquireAsync(args.Out, BundleUse.Import, error);
        if (bundleLock is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            return await ImportAsync(args, parts, cancellationToken);
        }
        catch (ImportRefusedException e)
        {
            await error.WriteLineAsync("Error: " + e.Message);
            return ExitCodes.Findings;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or System.Text.Json.JsonException or CryptographicException or IOException)
        {
            await error.WriteLineAsync($"Error: {args.File}: {e.Message} (blobs verified so far are kept; import again to resume)");
            return ExitCodes.Findings;
        }
    }

    private async Task<int> ImportAsync(ImportArgs args, IReadOnlyList<string> parts, CancellationToken cancellationToken)
    {
        await using var source = new ConcatenatedReadStream(parts);
        await using var tar = new TarReader(source);
        var first = await tar.GetNextEntryAsync(copyData: false, cancellationToken) ?? throw new ImportRefusedException("the archive is empty");
        Check(first);
        if (first.Name != BundleManifest.FileName)
        {
            throw new ImportRefusedException($"the first entry is '{first.Name}', not {BundleManifest.FileName}");
        }

        var manifestBytes = await ReadSmallAsync(first, MaxManifestBytes, cancellationToken);
        var incoming = BundleManifest.Parse(manifestBytes);
        if (BundleManifestRules.Problems(incoming) is { Count: > 0 } problems)
        {
            throw new ImportRefusedException(
                $"{BundleManifest.FileName} is not a valid bundle manifest; nothing imported ({problems.Count} problems): {string.Join("; ", problems.Take(5))}");
        }

        var referenced = incoming.ReferencedDigests().ToHashSet(StringComparer.Ordinal);
        var entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        if (entry is not null)
        {
            Check(entry);
        }

        byte[]? signature = null;
        if (entry?.Name == BundleSignature.FileName)
        {
            signature = await ReadSmallAsync(entry, MaxSignatureBytes, cancellationToken);
            entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        }

        if (args.TrustKey is not null)
        {
            var key = await File.ReadAllTextAsync(args.TrustKey, cancellationToken);
            if (signature is null)
            {
                throw new ImportRefusedException("the export is not signed and --trust-key was given");
            }

            if (!BundleSignature.Verify(manifestBytes, signature, key))
            {
                throw new ImportRefusedException("the signature does not verify with the trusted key; nothing imported");
            }
        }
        else
        {
            await error.WriteLineAsync(signature is null
                ? "Warning: the export is not signed; only its digests are verified"
                : "Warning: the export is signed but no --trust-key was given; the signature is not checked");
        }

        var blobs = new BlobStore(args.Out);
        int stored = 0, skipped = 0;
        long bytes = 0;
        var buffer = new byte[1 << 20];
        for (; entry is not null; entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken))
        {
            Check(entry);
            if (!entry.Name.StartsWith(BlobPrefix, StringComparison.Ordinal))
            {
                throw new ImportRefusedException($"a second '{entry.Name}' entry (or one out of place): an export holds one {BundleManifest.FileName} first, then at most one {BundleSignature.FileName}, then blobs; nothing imported");
            }

            var digest = ContentDigest.Sha256Prefix + entry.Name[BlobPrefix.Length..];

            if (!referenced.Contains(digest) || blobs.Has(digest))
            {
                skipped++;
                continue;
            }

            await using var writer = blobs.OpenWriter();
            var data = entry.DataStream ?? Stream.Null;
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (writer.Length != entry.Length)
            {
                throw new EndOfStreamException($"the archive ends inside {entry.Name} ({writer.Length} of {entry.Length} bytes): a truncated copy");
            }

            try
            {
                await writer.CommitAsync(digest, entry.Length, cancellationToken);
            }
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.DigestMismatch)
            {
                throw new ImportRefusedException($"blob {digest}: {e.Message}; the export is corrupt");
            }

            bytes += entry.Length;
            stored++;
        }

        var missing = referenced.Where(d => !ContentDigest.IsValid(d) || !blobs.Has(d)).ToArray();
        if (missing.Length > 0)
        {
            throw new ImportRefusedException(
                $"{missing.Length} blobs the manifest references are neither in the export nor in {args.Out} (first: {missing[0]}): a truncated copy or a --since export without its base; the blobs verified so far are kept, import again to resume");
        }

        IReadOnlyList<string> dropped = [];
        var current = await BundleManifest.ReadAsync(blobs.Root, cancellationToken);
        var existing = current is null ? null : BundleManifestRules.Sanitize(current, out dropped);
        if (dropped.Count > 0)
        {
            await error.WriteLineAsync($"Warning: the existing {BundleManifest.FileName} had {dropped.Count} bad entries, left out of the merge: {string.Join("; ", dropped.Take(5))}");
        }

        var merged = existing is null ? incoming : await BundleMerge.MergeAsync(existing, incoming, blobs, cancellationToken);
        await merged.WriteAsync(blobs.Root, cancellationToken);
        await output.WriteLineAsync(
            $"Imported {incoming.Packages.Count} packages: {stored} blobs stored ({PlanRenderer.Bytes(bytes)}), {skipped} already present{(existing is null ? string.Empty : $", merged into the existing bundle ({merged.Packages.Count} packages)")}{(signature is not null && args.TrustKey is not null ? ", signature verified" : string.Empty)}");
        return ExitCodes.Success;
    }

    /// <summary>Only regular files named bundle.json, bundle.json.sig or blobs/sha256/&lt;64 hex&gt; pass.</summary>
    private static void Check(TarEntry entry)
    {
        var name = entry.Name;
        var allowedName = name == BundleManifest.FileName || name == BundleSignature.FileName
            || (name.Length == BlobPrefix.Length + 64 && name.StartsWith(BlobPrefix, StringComparison.Ordinal)
                && ContentDigest.IsValid(ContentDigest.Sha256Prefix + name[BlobPrefix.Length..]));
        if (!allowedName || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new ImportRefusedException(
                $"refusing entry '{name}' ({entry.EntryType}): an export holds only regular files bundle.json, bundle.json.sig and blobs/sha256/<hex>; nothing is written outside the bundle");
        }
    }

    /// <summary>Reads a small entry whole, refusing one its header says is over <paramref name="limit"/> (nothing is sized from the header).</summary>
    private static async Task<byte[]> ReadSmallAsync(TarEntry entry, long limit, CancellationToken cancellationToken)
    {
        if (entry.Length > limit)
        {
            throw new ImportRefusedException($"{entry.Name} is {entry.Length} bytes; refusing more than {limit} ({PlanRenderer.Bytes(limit)}); nothing imported");
        }

        using var buffer = new MemoryStream();
        if (entry.DataStream is { } data)
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await data.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new ImportRefusedException($"{entry.Name} is over {limit} bytes; nothing imported");
                }

                buffer.Write(chunk, 0, read);
            }
        }

        if (buffer.Length != entry.Length)
        {
            throw new EndOfStreamException($"the archive ends inside {entry.Name} ({buffer.Length} of {entry.Length} bytes): a truncated copy");
        }

        return buffer.ToArray();
    }
}

/// <summary>An import refused for a reason the message gives.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
