using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Universe.Runtime.Tests.Tasks;

/// <summary>Builds zip and tar(.gz) archives, benign or malicious, for the extraction tests.</summary>
internal static class ArchiveFactory
{
    public static void Zip(string path, params (string Name, string? Content, int UnixMode)[] entries)
    {
        using var file = System.IO.File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, content, mode) in entries)
        {
            var entry = zip.CreateEntry(name);
            if (mode != 0)
            {
                entry.ExternalAttributes = mode << 16;
            }

            if (content is not null)
            {
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
    }

    public static void TarGz(string path, params TarEntry[] entries)
    {
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }
    }

    public static PaxTarEntry File(string name, string content, UnixFileMode mode = (UnixFileMode)0x1A4) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), Mode = mode };

    public static PaxTarEntry Directory(string name) => new(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ED };

    public static PaxTarEntry Symlink(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    public static PaxTarEntry HardLink(string name, string target) => new(TarEntryType.HardLink, name) { LinkName = target };
}
