using System.Globalization;
using System.Text.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// A local repository: a universe tree (a directory holding <c>repo/packages</c>, or a packages directory) or a repo
/// index file (plain or gzip). Unchanged when the sizes and modification times of its files are unchanged.
/// </summary>
internal sealed class LocalRepositorySource(PackageRepository repository, string path) : IRepositorySource
{
    public async Task<RepositoryFetchResult> FetchAsync(string? validator, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            var info = new FileInfo(path);
            var fingerprint = Fingerprint(info.Length, info.LastWriteTimeUtc.Ticks, 1);
            if (fingerprint == validator)
            {
                return RepositoryFetchResult.Unchanged(validator);
            }

            try
            {
                return new RepositoryFetchResult(await RepoIndexReader.ReadFileAsync(path, cancellationToken), fingerprint);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidDataException)
            {
                throw new CosmosException(new RepositoryUriConnection(repository, NotAnIndex(e)));
            }
        }

        var packages = Directory.Exists(path) ? UniverseTreeReader.FindPackagesDirectory(path) : null;
        if (packages is null)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, $"No universe tree (repo/packages) or repository file at {path}"));
        }

        return await Task.Run(
            () =>
            {
                var fingerprint = TreeFingerprint(packages);
                return fingerprint == validator
                    ? RepositoryFetchResult.Unchanged(validator)
                    : new RepositoryFetchResult(UniverseTreeReader.Read(packages, cancellationToken), fingerprint);
            },
            cancellationToken);
    }

    /// <summary>
    /// Why a local file is not a repository index, without any of its content: the parser's message quotes the bytes
    /// it read (<c>'r' is an invalid start…</c>), and a local path may name any host file. Only the position is kept.
    /// </summary>
    internal static string NotAnIndex(Exception e) => e switch
    {
        JsonException { LineNumber: { } line, BytePositionInLine: { } column } =>
            string.Create(CultureInfo.InvariantCulture, $"Not a repository index: invalid JSON at line {line + 1}, byte {column + 1}"),
        JsonException => "Not a repository index: invalid JSON",
        InvalidDataException => "Not a repository index: the file is neither JSON nor valid gzip",
        _ => "Not a repository index: the JSON is not shaped as a repository index",
    };

    private static string TreeFingerprint(string packages)
    {
        long size = 0, ticks = 0, count = 0;
        foreach (var file in new DirectoryInfo(packages).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            size += file.Length;
            ticks ^= file.LastWriteTimeUtc.Ticks + (count * 31);
            count++;
        }

        return Fingerprint(size, ticks, count);
    }

    private static string Fingerprint(long size, long ticks, long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count}:{size}:{ticks}");
}
