namespace Universe.Builder.Bundles;

/// <summary>What a program does to a bundle, which decides how it holds the <see cref="BundleLock"/>.</summary>
public enum BundleUse
{
    /// <summary><c>mirror</c>: exclusive; the bundle may be created.</summary>
    Mirror,

    /// <summary><c>import</c>: exclusive; the bundle may be created.</summary>
    Import,

    /// <summary><c>gc</c>: exclusive; the bundle must exist.</summary>
    Gc,

    /// <summary><c>export</c>: shared (exports run side by side, no gc beside them); the bundle must exist.</summary>
    Export,
}

/// <summary>
/// Keeps programs from changing one bundle at the same time: <c>mirror</c>, <c>import</c> and <c>gc</c> hold
/// <c>&lt;bundle&gt;/.lock</c> exclusively, <c>export</c> holds it shared. Without it, <c>gc</c> running beside a
/// <c>mirror</c> deletes the blobs the mirror has stored but not yet named in <c>bundle.json</c>, and the partial
/// files it is still writing; two mirrors would each write a manifest without the other's artifacts. The lock is the
/// file system's advisory lock (on Unix .NET takes <c>flock</c>: exclusive for <see cref="FileShare.None"/>, shared
/// otherwise), so it ends with the process, however that ends: a crash never leaves a bundle locked. <c>serve</c>
/// takes no lock: it reloads when <c>bundle.json</c> changes and only ever serves what that names.
/// </summary>
public sealed class BundleLock : IDisposable
{
    public const string FileName = ".lock";

    private readonly FileStream? _stream;

    private BundleLock(FileStream? stream) => _stream = stream;

    /// <summary>
    /// Takes the lock without waiting. Null, with <paramref name="problem"/> set, when another program holds it. A
    /// shared lock on a bundle that cannot get a lock file (read-only media) is granted without one: nothing can
    /// change such a bundle.
    /// </summary>
    public static BundleLock? TryAcquire(string bundleDirectory, bool exclusive, string purpose, out string? problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundleDirectory);
        var path = Path.Combine(Path.GetFullPath(bundleDirectory), FileName);
        problem = null;
        try
        {
            if (exclusive)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }

            var stream = new FileStream(
                path,
                exclusive || !File.Exists(path) ? FileMode.OpenOrCreate : FileMode.Open,
                exclusive ? FileAccess.ReadWrite : FileAccess.Read,
                exclusive ? FileShare.None : FileShare.ReadWrite);
            return new BundleLock(stream);
        }
        catch (Exception e) when (!exclusive && (e is UnauthorizedAccessException || (e is IOException && !File.Exists(path))))
        {
            return new BundleLock(null);
        }
        catch (IOException e)
        {
            problem = $"the bundle {Path.GetDirectoryName(path)} is in use by another universe mirror, import, export or gc (its lock {path} is held), so it cannot be {purpose} now; try again when that has finished ({e.Message})";
            return null;
        }
    }

    /// <summary>
    /// Takes the lock for <paramref name="use"/>, or writes why not to <paramref name="error"/> (<c>Error: …</c>) and
    /// returns null: the bundle is in use, or (for gc and export) it does not exist.
    /// </summary>
    public static async Task<BundleLock?> AcquireAsync(string bundleDirectory, BundleUse use, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (use is BundleUse.Gc or BundleUse.Export && !Directory.Exists(bundleDirectory))
        {
            await error.WriteLineAsync($"Error: {bundleDirectory} is not a bundle (no such directory)");
            return null;
        }

        var purpose = use switch
        {
            BundleUse.Mirror => "mirrored into",
            BundleUse.Import => "imported into",
            BundleUse.Gc => "garbage-collected",
            _ => "exported",
        };
        var held = TryAcquire(bundleDirectory, exclusive: use != BundleUse.Export, purpose, out var problem);
        if (held is null)
        {
            await error.WriteLineAsync("Error: " + problem);
        }

        return held;
    }

    /// <inheritdoc />
    public void Dispose() => _stream?.Dispose();
}
