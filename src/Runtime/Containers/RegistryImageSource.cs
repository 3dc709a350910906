using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Universe.IO;
using Universe.Registry;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Containers;

/// <summary>
/// Images from registries through the shared <see cref="Universe.Registry"/> client (bearer/basic auth, mirrors and
/// credentials from <c>Runtime:Registries:&lt;host&gt;:…</c>, proxy from <c>Runtime:Proxy</c> or the environment,
/// indexes resolved to the host platform, digests verified), blobs in the shared content-addressed store
/// (<c>&lt;store&gt;/blobs/sha256</c>). A small index (<c>&lt;store&gt;/images/&lt;sha256(reference)&gt;.json</c>) remembers
/// what each reference resolved to, so a cached image starts without asking the registry unless <c>forcePullImage</c>.
/// </summary>
internal sealed class RegistryImageSource : IImageSource, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly RegistryClient _client;
    private readonly ImagePuller _puller;
    private readonly BlobStore _blobs;
    private readonly string _index;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public RegistryImageSource(IOptions<ContainerOptions> options, IOptions<TaskExecutorOptions> taskOptions, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(taskOptions);
        var store = options.Value.EffectiveStoreDirectory(taskOptions.Value.DataDirectory);
        _blobs = new BlobStore(store);
        _index = Path.Join(store, "images");
        _timeout = TimeSpan.FromSeconds(options.Value.PullTimeoutSeconds);
        _client = new RegistryClient(new RegistryClientOptions
        {
            Registries = RegistrySettings.FromConfiguration(configuration.GetSection("Runtime:Registries")),
            Proxy = ProxySettings.FromConfiguration(configuration.GetSection("Runtime:Proxy")),
            Platform = Platform.Host,
        });
        _puller = new ImagePuller(_client, _blobs);
    }

    public async Task<ContainerImage> GetAsync(string image, bool forcePull, Action<long, long, int, int>? progress, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(image, out var reference))
        {
            throw new ContainerException("Invalid image reference '" + image + "'");
        }

        var gate = _locks.GetOrAdd(reference.ToString(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!forcePull && TryLoad(reference) is { } cached)
            {
                return cached;
            }

            progress?.Invoke(0, 0, 0, 0);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_timeout);
            PulledImage pulled;
            try
            {
                pulled = await _puller.PullAsync(reference, new PullOptions
                {
                    Progress = p => progress?.Invoke(p.BytesDone, p.BytesTotal, p.LayersDone, p.LayersTotal),
                }, limit.Token);
            }
            catch (RegistryException e)
            {
                throw new ContainerException("Failed to pull image " + image + ": " + e.Message, e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ContainerException("Pulling image " + image + " timed out after " + _timeout.TotalSeconds + " s");
            }

            if (pulled.ImageConfig.DiffIds.Count != pulled.Layers.Count)
            {
                throw new ContainerException("Image " + image + " is invalid: " + pulled.Layers.Count + " layers but "
                    + pulled.ImageConfig.DiffIds.Count + " diff ids in its config");
            }

            var record = new CachedImage(reference.ToString(), pulled.ResolvedDigest, pulled.Config.Digest,
                [.. pulled.Layers.Select((l, i) => new CachedLayer(l.Digest, pulled.ImageConfig.DiffIds[i]))], DateTimeOffset.UtcNow);
            Directory.CreateDirectory(_index);
            await AtomicFile.WriteAllBytesAsync(IndexPath(reference), JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken);
            return ToImage(record, pulled.ImageConfig);
        }
        finally
        {
            gate.Release();
        }
    }

    public IReadOnlySet<string> CachedDiffIds() =>
        Records().SelectMany(r => r.Layers.Select(l => l.DiffId)).ToHashSet(StringComparer.Ordinal);

    public void ForgetUnused(IReadOnlySet<string> inUse, TimeSpan unusedFor)
    {
        var cutoff = DateTimeOffset.UtcNow - unusedFor;
        foreach (var record in Records().Where(r => r.LastUsed < cutoff && !inUse.Contains(r.Reference)))
        {
            File.Delete(IndexPath(record.Reference));
            foreach (var layer in record.Layers.Where(l => !Records().Any(o => o.Layers.Any(x => x.Digest == l.Digest))))
            {
                _blobs.Delete(layer.Digest);
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private ContainerImage? TryLoad(ImageReference reference)
    {
        var path = IndexPath(reference);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<CachedImage>(File.ReadAllBytes(path), Json);
            if (record is null || !_blobs.Has(record.ConfigDigest) || record.Layers.Any(l => !_blobs.Has(l.Digest)))
            {
                return null;
            }

            var config = ManifestParser.ParseConfig(File.ReadAllBytes(_blobs.GetPath(record.ConfigDigest)));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return ToImage(record with { LastUsed = DateTimeOffset.UtcNow }, config);
        }
        catch (Exception e) when (e is JsonException or RegistryException or IOException)
        {
            return null;
        }
    }

    private ContainerImage ToImage(CachedImage record, ImageConfig config) =>
        new(record.Reference, config, [.. record.Layers.Select(l => new ImageLayer(l.DiffId, () => _blobs.OpenRead(l.Digest)))]);

    private IEnumerable<CachedImage> Records()
    {
        if (!Directory.Exists(_index))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(_index, "*.json"))
        {
            CachedImage? record;
            try
            {
                record = JsonSerializer.Deserialize<CachedImage>(File.ReadAllBytes(file), Json);
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                continue;
            }

            if (record is not null)
            {
                yield return record with { LastUsed = new DateTimeOffset(File.GetLastWriteTimeUtc(file)) };
            }
        }
    }

    private string IndexPath(ImageReference reference) => IndexPath(reference.ToString());

    private string IndexPath(string reference) =>
        Path.Join(_index, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference))) + ".json");

    private sealed record CachedImage(string Reference, string ResolvedDigest, string ConfigDigest, IReadOnlyList<CachedLayer> Layers, DateTimeOffset LastUsed);

    private sealed record CachedLayer(string Digest, string DiffId);
}
