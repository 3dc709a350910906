using System.Runtime.Versioning;

namespace Universe.Runtime.Tasks;

/// <summary>Budget, path checks and deferred links of one <see cref="ArchiveExtractor"/> run.</summary>
[SupportedOSPlatform("linux")]
internal sealed class ExtractionState(string root, long maxBytes, int maxEntries)
{
    private readonly List<(string Path, string Target)> _symlinks = [];
    private readonly List<(string Path, string Source)> _hardLinks = [];
    private long _bytes;
    private int _entries;

    public void CountEntry()
    {
        if (++_entries > maxEntries)
        {
            throw new FetchException("archive has more than " + maxEntries + " entries");
        }
    }

    public void CreateDirectory(string name) => Directory.CreateDirectory(Resolve(name));

    public async Task WriteFileAsync(string name, Stream data, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        var path = Resolve(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        RemoveExistingLink(path);
        await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                _bytes += read;
                if (_bytes > maxBytes)
                {
                    throw new FetchException("archive expands to more than " + maxBytes + " bytes");
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        if (mode is { } m && m != 0)
        {
            File.SetUnixFileMode(path, m);
        }
    }

    public void DeferSymlink(string name, string target) => _symlinks.Add((Resolve(name), target));

    public void DeferHardLink(string name, string linkName) => _hardLinks.Add((Resolve(name), Resolve(linkName)));

    /// <summary>Hard links become copies of files already extracted; then symlinks are checked one by one and created.</summary>
    public void CreateDeferredLinks()
    {
        foreach (var (path, source) in _hardLinks)
        {
            var info = new FileInfo(source);
            if (!info.Exists || info.LinkTarget is not null)
            {
                throw new FetchException("archive hard link " + Path.GetRelativePath(root, path) + " points to a missing or linked file");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            RemoveExistingLink(path);
            File.Copy(source, path, overwrite: true);
        }

        foreach (var (path, target) in _symlinks)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!SandboxPaths.IsLinkTargetInside(root, path, target))
            {
                throw new FetchException("archive symlink " + Path.GetRelativePath(root, path) + " points outside the sandbox");
            }

            if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                throw new FetchException("archive symlink " + Path.GetRelativePath(root, path) + " would replace an existing entry");
            }

            File.CreateSymbolicLink(path, target);
        }
    }

    private string Resolve(string name) =>
        SandboxPaths.ResolveRelative(root, name) is { } path && path != root
            ? path
            : throw new FetchException("archive entry '" + name + "' escapes the sandbox");

    private static void RemoveExistingLink(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
