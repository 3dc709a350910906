using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace Universe.Runtime.Containers.Layers;

/// <summary>
/// Unpacks one image layer (tar, optionally gzip) into a directory, following the OCI layer rules: <c>.wh.NAME</c> deletes
/// NAME from lower layers, <c>.wh..wh..opq</c> hides a directory's lower contents. Hostile layers are refused with
/// <see cref="LayerException"/>: <c>..</c>, entries written through a symlink, hard links to outside or
/// through links, device nodes; absolute names are rooted at the layer (never at the host's /). Symlinks themselves may point anywhere (they resolve inside the container), but they are
/// never followed while unpacking, so nothing is written outside <c>root</c>.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";
    private const UnixFileMode DefaultDirMode = (UnixFileMode)0x1ED; // 0755

    /// <summary>
    /// Unpacks <paramref name="layer"/> (compressed or not: detected from the first bytes) into <paramref name="root"/>.
    /// Returns the sha256 digest (<c>sha256:…</c>) of the uncompressed tar: the layer's diff id.
    /// </summary>
    public static async Task<string> UnpackAsync(Stream layer, string root, WhiteoutMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Directory.CreateDirectory(root);
        var tar = await OpenDecompressedAsync(layer, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var hashing = new HashingReadStream(tar, hash))
        {
            var state = new UnpackState(Path.GetFullPath(root), mode);
            await using (var reader = new TarReader(new TarTrailerStream(hashing), leaveOpen: true))
            {
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
                {
                    await state.ApplyAsync(entry, cancellationToken);
                }
            }

            state.Finish();
            await hashing.DrainAsync(cancellationToken);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<Stream> OpenDecompressedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var magic = new byte[4];
        var read = await stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken);
        Stream whole = new PrefixedStream(magic.AsMemory(0, read), stream);
        if (read >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            return new GZipStream(whole, CompressionMode.Decompress);
        }

        if (read >= 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD)
        {
            throw new LayerException("zstd-compressed layers are not supported (use gzip or uncompressed layers)");
        }

        return whole;
    }

    private sealed class UnpackState(string root, WhiteoutMode mode)
    {
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);
        private readonly List<string> _opaque = [];

        public async Task ApplyAsync(TarEntry entry, CancellationToken cancellationToken)
        {
            var parts = SplitName(entry.Name);
            if (parts.Length == 0)
            {
                return;
            }

            var name = parts[^1];
            if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                ApplyWhiteout(entry.Name, parts, name);
                return;
            }

            var parent = EnsureParent(entry.Name, parts);
            var path = Path.Join(parent, name);
            Remember(parts);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (IsRealDirectory(path) is false)
                    {
                        RemoveExisting(path);
                    }

                    Directory.CreateDirectory(path);
                    NativeFs.ChangeOwner(path, entry.Uid, entry.Gid);
                    File.SetUnixFileMode(path, entry.Mode);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    RemoveExisting(path);
                    await WriteFileAsync(path, entry, cancellationToken);
                    break;
                case TarEntryType.SymbolicLink:
                    RemoveExisting(path);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    NativeFs.ChangeOwner(path, entry.Uid, entry.Gid);
                    break;
                case TarEntryType.HardLink:
                    var target = ResolveExisting(entry.Name, SplitName(entry.LinkName));
                    RemoveExisting(path);
                    NativeFs.LinkHard(target, path);
                    break;
                case TarEntryType.Fifo:
                    RemoveExisting(path);
                    NativeFs.MakeFifo(path, entry.Mode);
                    NativeFs.ChangeOwner(path, entry.Uid, entry.Gid);
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                    throw new LayerException("layer entry '" + entry.Name + "' is a device node; device nodes are refused");
                default:
                    throw new LayerException("layer entry '" + entry.Name + "' has an unsupported type " + entry.EntryType);
            }
        }

        public void Finish()
        {
            if (mode != WhiteoutMode.Apply)
            {
                return;
            }

            foreach (var relative in _opaque)
            {
                var directory = relative.Length == 0 ? root : Path.Join(root, relative);
                if (IsRealDirectory(directory) is not true)
                {
                    continue;
                }

                foreach (var child in Directory.EnumerateFileSystemEntries(directory))
                {
                    var childRelative = Path.GetRelativePath(root, child);
                    if (!_written.Contains(childRelative))
                    {
                        RemoveExisting(child);
                    }
                }
            }
        }

        private static async Task WriteFileAsync(string path, TarEntry entry, CancellationToken cancellationToken)
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = entry.Mode & (UnixFileMode)0x1FF,
                PreallocationSize = entry.Length,
            };
            await using (var file = new FileStream(path, options))
            {
                if (entry.DataStream is { } data)
                {
                    await data.CopyToAsync(file, cancellationToken);
                }
            }

            NativeFs.ChangeOwner(path, entry.Uid, entry.Gid);
            File.SetUnixFileMode(path, entry.Mode);
        }

        private void ApplyWhiteout(string entryName, string[] parts, string name)
        {
            var parent = EnsureParent(entryName, parts);
            if (name == OpaqueMarker)
            {
                var relative = string.Join('/', parts[..^1]);
                if (mode == WhiteoutMode.Overlay)
                {
                    NativeFs.MarkOpaque(parent);
                }
                else
                {
                    _opaque.Add(relative);
                }

                return;
            }

            if (name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
            {
                return; // other AUFS metadata (.wh..wh.plnk, …): not content
            }

            var hidden = name[WhiteoutPrefix.Length..];
            if (hidden.Length == 0 || hidden is "." or "..")
            {
                throw new LayerException("layer entry '" + entryName + "' is an invalid whiteout");
            }

            var path = Path.Join(parent, hidden);
            string[] hiddenParts = [.. parts[..^1], hidden];
            if (mode == WhiteoutMode.Overlay)
            {
                RemoveExisting(path);
                NativeFs.MakeWhiteout(path);
            }
            else if (!_written.Contains(string.Join('/', hiddenParts)))
            {
                RemoveExisting(path);
            }
        }

        private void Remember(string[] parts)
        {
            for (var i = 1; i <= parts.Length; i++)
            {
                _written.Add(string.Join('/', parts[..i]));
            }
        }

        /// <summary>Creates the missing parent directories of an entry; a symlink on the way is refused, never followed.</summary>
        private string EnsureParent(string entryName, string[] parts)
        {
            var current = root;
            foreach (var part in parts[..^1])
            {
                var next = Path.Join(current, part);
                switch (IsRealDirectory(next))
                {
                    case true:
                        break;
                    case null:
                        Directory.CreateDirectory(next);
                        File.SetUnixFileMode(next, DefaultDirMode);
                        break;
                    case false when new FileInfo(next).LinkTarget is not null:
                        throw new LayerException("layer entry '" + entryName + "' is written through the symlink '"
                            + Path.GetRelativePath(root, next) + "'; writing through links is refused");
                    case false:
                        File.Delete(next);
                        Directory.CreateDirectory(next);
                        break;
                }

                current = next;
            }

            return current;
        }

        /// <summary>The path of an existing regular file named by a hard link, reached without following any link.</summary>
        private string ResolveExisting(string entryName, string[] parts)
        {
            if (parts.Length == 0)
            {
                throw new LayerException("layer entry '" + entryName + "' is a hard link without a target");
            }

            var current = root;
            foreach (var part in parts)
            {
                current = Path.Join(current, part);
                var info = new FileInfo(current);
                if (info.LinkTarget is not null)
                {
                    throw new LayerException("layer entry '" + entryName + "' is a hard link through a symlink; refused");
                }
            }

            var target = new FileInfo(current);
            if (!target.Exists || target.Attributes.HasFlag(FileAttributes.Directory))
            {
                throw new LayerException("layer entry '" + entryName + "' is a hard link to a missing or non-regular file");
            }

            return current;
        }

        /// <summary>true: a real directory; false: something else (file, link, node); null: nothing there.</summary>
        private static bool? IsRealDirectory(string path)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                return false;
            }

            var attributes = info.Attributes;
            return (int)attributes == -1 ? null : attributes.HasFlag(FileAttributes.Directory);
        }

        private static void RemoveExisting(string path)
        {
            switch (IsRealDirectory(path))
            {
                case true:
                    Directory.Delete(path, recursive: true);
                    break;
                case false:
                    File.Delete(path);
                    break;
            }
        }

        /// <summary>
        /// A tar name as path components; <c>.</c>, empty components and a leading <c>/</c> dropped (an absolute name is
        /// rooted at the layer, as GNU tar and Docker treat it: umoci writes <c>/</c> itself). <c>..</c> and NUL are refused.
        /// </summary>
        private static string[] SplitName(string name)
        {
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                throw new LayerException("layer entry '" + name + "' has an invalid name; refused");
            }

            var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
            if (parts.Contains(".."))
            {
                throw new LayerException("layer entry '" + name + "' contains '..'; path traversal is refused");
            }

            return parts;
        }
    }
}
