namespace Universe.Builder.Bundles;

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

    /// <inheritdoc />
    public void Dispose() => _stream?.Dispose();
}
