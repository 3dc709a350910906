using System.Formats.Tar;
using System.Security.Cryptography;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Registry;

namespace Universe.Builder.Transfer;

/// <summary>
/// <c>universe export</c>: one uncompressed tar (the content is already compressed) with <c>bundle.json</c> first, its
/// signature next (with <c>--sign-key</c>), then every referenced blob (or, with <c>--since</c>, only the blobs the
/// other side's manifest does not reference). Optionally split into parts of at most <c>--split-size</c>.
/// </summary>
public sealed class ExportRunner(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(ExportArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);

        // Shared: exports may run side by side, but no gc may remove a blob this export is about to copy.
        using var bundleLock = await BundleLock.AcquireAsync(args.Bundle, BundleUse.Export, error);
        if (bundleLock is null)
        {
            return ExitCodes.Usage;
        }

        BundleManifest? manifest;
        HashSet<string> already = new(StringComparer.Ordinal);
        byte[]? signature;
        byte[] manifestBytes;
        try
        {
            var manifestPath = Path.Combine(args.Bundle, BundleManifest.FileName);
            if (!File.Exists(manifestPath))
            {
                await error.WriteLineAsync($"Error: {args.Bundle} is not a bundle (no {BundleManifest.FileName})");
                return ExitCodes.Usage;
            }

            // Read once: the bytes parsed here (which pick the blobs) are the bytes signed and shipped, even if a
            // mirror replaces bundle.json meanwhile.
            manifestBytes = await File.ReadAllBytesAsync(manifestPath, cancellationToken);
            manifest = BundleManifest.Parse(manifestBytes);
            if (BundleManifestRules.Problems(manifest) is { Count: > 0 } problems)
            {
                await error.WriteLineAsync($"Error: {manifestPath} is not a valid bundle manifest ({problems.Count} problems): {string.Join("; ", problems.Take(5))}");
                return ExitCodes.Findings;
            }

            if (args.Since is not null)
            {
                // Only what the other side surely has is left out: its bad entries (skipped there too) count as absent.
                var since = BundleManifestRules.Sanitize(BundleManifest.Parse(await File.ReadAllBytesAsync(args.Since, cancellationToken)), out _);
                already.UnionWith(since.ReferencedDigests());
            }

            var key = args.SignKey is null ? null : await File.ReadAllTextAsync(args.SignKey, cancellationToken);
            signature = key is null ? null : BundleSignature.Sign(manifestBytes, key);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or CryptographicException or ArgumentException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Error: {Redaction.Text(e.Message)}");
            return ExitCodes.Usage;
        }

        var blobs = new BlobStore(args.Bundle);
        var digests = manifest.ReferencedDigests().Distinct(StringComparer.Ordinal).Where(d => !already.Contains(d)).Order(StringComparer.Ordinal).ToArray();
        var missing = digests.Where(d => !ContentDigest.IsValid(d) || !blobs.Has(d)).ToArray();
        if (missing.Length > 0)
        {
            await error.WriteLineAsync($"Error: the bundle lacks {missing.Length} referenced blobs (first: {missing[0]}); mirror again before exporting");
            return ExitCodes.Findings;
        }

        long bytes = 0;
        SplitFileStream? split = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args.Output))!);
            await using Stream target = args.SplitSize is { } size ? split = new SplitFileStream(args.Output, size) : new FileStream(args.Output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            await using (var tar = new TarWriter(target, TarEntryFormat.Pax, leaveOpen: true))
            {
                await WriteBytesAsync(tar, BundleManifest.FileName, manifestBytes, cancellationToken);
                if (signature is not null)
                {
                    await WriteBytesAsync(tar, BundleSignature.FileName, signature, cancellationToken);
                }

                foreach (var digest in digests)
                {
                    var path = blobs.GetPath(digest);
                    await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
                    bytes += data.Length;
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, "blobs/sha256/" + digest["sha256:".Length..])
                    {
                        DataStream = data,
                        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                        ModificationTime = DateTimeOffset.UnixEpoch,
                    };
                    await tar.WriteEntryAsync(entry, cancellationToken);
                }
            }

            await target.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            RemovePartial(split?.Parts ?? [args.Output]);
            if (e is OperationCanceledException)
            {
                throw;
            }

            await error.WriteLineAsync($"Error: writing {args.Output} failed: {e.Message}; the partial export was removed: free space or use other media, then export again");
            return ExitCodes.Findings;
        }

        IReadOnlyList<string> parts = split?.Parts ?? [args.Output];
        await output.WriteLineAsync(
            $"Exported {manifest.Packages.Count} packages, {digests.Length} blobs ({PlanRenderer.Bytes(bytes)}){(already.Count > 0 ? $", {already.Count} blobs skipped (--since)" : string.Empty)}{(signature is null ? ", unsigned" : ", signed")} to {string.Join(", ", parts)}");
        return ExitCodes.Success;
    }

    /// <summary>Removes what a failed export wrote (a link is removed, never its target; nothing under /dev).</summary>
    private static void RemovePartial(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            try
            {
                var file = new FileInfo(path);
                if (file.LinkTarget is not null || (file.Exists && !file.FullName.StartsWith("/dev/", StringComparison.Ordinal)))
                {
                    file.Delete();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the error already names the output.
            }
        }
    }

    private static async Task WriteBytesAsync(TarWriter tar, string name, byte[] content, CancellationToken cancellationToken)
    {
        using var data = new MemoryStream(content, writable: false);
        await tar.WriteEntryAsync(
            new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = data,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = DateTimeOffset.UnixEpoch,
            },
            cancellationToken);
    }
}
