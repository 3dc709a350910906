using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Extracts zip, tar, tar.gz and gz in process. Entries that are absolute, contain <c>..</c>, or are links pointing out of
/// the destination are rejected (the whole fetch fails); devices and FIFOs are skipped. Symlinks and hard links are
/// created after all files and directories. Sizes and entry counts are capped.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ArchiveExtractor(long maxBytes, int maxEntries)
{
    private const int MaxLinkTargetBytes = 4096;
    private const UnixFileMode PermissionMask = (UnixFileMode)0x1FF;

    public async Task ExtractAsync(string archivePath, ArchiveKind kind, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination);
        var state = new ExtractionState(root, maxBytes, maxEntries);
        await using (var file = File.OpenRead(archivePath))
        {
            switch (kind)
            {
                case ArchiveKind.Zip:
                    await ExtractZipAsync(file, state, cancellationToken);
                    break;
                case ArchiveKind.Tar:
                    await ExtractTarAsync(file, state, cancellationToken);
                    break;
                case ArchiveKind.TarGzip:
                    await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                    {
                        await ExtractTarAsync(gzip, state, cancellationToken);
                    }

                    break;
                case ArchiveKind.Gzip:
                    await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                    {
                        var name = Path.GetFileName(archivePath);
                        await state.WriteFileAsync(name[..^3], gzip, null, cancellationToken);
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an archive");
            }
        }

        state.CreateDeferredLinks();
    }

    private static async Task ExtractZipAsync(Stream stream, ExtractionState state, CancellationToken cancellationToken)
    {
        await using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            state.CountEntry();
            var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var fileType = unixMode & 0xF000;
            if (entry.FullName.EndsWith('/') || fileType == 0x4000)
            {
                state.CreateDirectory(entry.FullName);
            }
            else if (fileType == 0xA000)
            {
                await using var data = await entry.OpenAsync(cancellationToken);
                state.DeferSymlink(entry.FullName, await ReadLinkTargetAsync(data, cancellationToken));
            }
            else if (fileType is 0 or 0x8000)
            {
                await using var data = await entry.OpenAsync(cancellationToken);
                var mode = (unixMode & 0x1FF) == 0 ? (UnixFileMode?)null : (UnixFileMode)(unixMode & 0x1FF);
                await state.WriteFileAsync(entry.FullName, data, mode, cancellationToken);
            }
        }
    }

    private static async Task ExtractTarAsync(Stream stream, ExtractionState state, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(stream, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            state.CountEntry();
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    state.CreateDirectory(entry.Name);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await state.WriteFileAsync(entry.Name, entry.DataStream ?? Stream.Null, entry.Mode & PermissionMask, cancellationToken);
                    break;
                case TarEntryType.SymbolicLink:
                    state.DeferSymlink(entry.Name, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    state.DeferHardLink(entry.Name, entry.LinkName);
                    break;
                default:
                    break; // devices, FIFOs, metadata entries
            }
        }
    }

    private static async Task<string> ReadLinkTargetAsync(Stream data, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(data);
        var buffer = new char[MaxLinkTargetBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > MaxLinkTargetBytes)
        {
            throw new FetchException("archive symlink target too long");
        }

        return new string(buffer, 0, read);
    }
}
