using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// The persisted repository list, <c>{DataDirectory}/repositories.json</c>, written atomically (temp file, flush to
/// disk, rename over the old file) so a crash leaves the old or the new list, never half of one.
/// </summary>
internal sealed class RepositoryStore(IOptions<CosmosOptions> options)
{
    public const string FileName = "repositories.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string DataDirectory { get; } = Path.GetFullPath(options.Value.DataDirectory);

    public string FilePath => Path.Combine(DataDirectory, FileName);

    /// <summary>The saved list, or null when none was saved yet (first start).</summary>
    public async Task<IReadOnlyList<PackageRepository>?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        await using var stream = File.OpenRead(FilePath);
        var document = await JsonSerializer.DeserializeAsync<StoredList>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidDataException($"{FilePath} is empty");
        return document.Repositories;
    }

    public async Task SaveAsync(IReadOnlyList<PackageRepository> repositories, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        var temp = Path.Combine(DataDirectory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, new StoredList(1, repositories), JsonOptions, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private sealed record StoredList(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("repositories")] IReadOnlyList<PackageRepository> Repositories);
}
