using Universe.Builder.Mirroring;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// Garbage-collects a bundle: every stored blob that <c>bundle.json</c> does not reference (URLs, images, the
/// repository index) is removed, and so are partial downloads. Refuses to run without a readable manifest (it would
/// remove everything).
/// </summary>
public sealed class GcRunner(TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(GcArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);

        // Exclusive: a mirror or import running beside gc has blobs and partial files its manifest does not name yet.
        using var bundleLock = await BundleLock.AcquireAsync(args.Bundle, BundleUse.Gc, error);
        if (bundleLock is null)
        {
            return ExitCodes.Usage;
        }

        BundleManifest? manifest;
        try
        {
            manifest = await BundleManifest.ReadAsync(args.Bundle, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException)
        {
            await error.WriteLineAsync($"Error: {args.Bundle}: {e.Message}");
            return ExitCodes.Usage;
        }

        if (manifest is null)
        {
            await error.WriteLineAsync($"Error: {args.Bundle} is not a bundle (no {BundleManifest.FileName})");
            return ExitCodes.Usage;
        }

        var blobs = new BlobStore(args.Bundle);
        var referenced = manifest.ReferencedDigests().ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        long freed = 0;
        foreach (var digest in blobs.EnumerateDigests().Where(d => !referenced.Contains(d)).ToArray())
        {
            removed++;
            freed += blobs.TryGetSize(digest) ?? 0;
            if (!args.DryRun)
            {
                blobs.Delete(digest);
            }
        }

        var partials = args.DryRun ? 0 : blobs.CleanIngest(TimeSpan.Zero);
        var kept = referenced.Count(d => ContentDigest.IsValid(d) && blobs.Has(d));
        await output.WriteLineAsync(
            $"{(args.DryRun ? "Would remove" : "Removed")} {removed} unreferenced blobs ({PlanRenderer.Bytes(freed)}) and {partials} partial downloads; {kept} referenced blobs kept");
        var missing = referenced.Count - kept;
        if (missing > 0)
        {
            await error.WriteLineAsync($"Warning: {missing} referenced blobs are missing; mirror or import again to restore them");
        }

        return ExitCodes.Success;
    }
}
