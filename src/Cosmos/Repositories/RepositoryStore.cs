using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Universe.IO;

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
        await AtomicFile.WriteAsync(
            FilePath,
            (stream, token) => JsonSerializer.SerializeAsync(stream, new StoredList(1, repositories), JsonOptions, token),
            null,
            cancellationToken);
    }

    private sealed record StoredList(
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("repositories")] IReadOnlyList<PackageRepository> Repositories);
}
