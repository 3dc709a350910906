using System.Text.Json;

namespace Universe.Registry;

/// <summary>An OCI content descriptor: what a manifest or index says about one blob or manifest.</summary>
/// <param name="MediaType">The media type of the referenced content.</param>
/// <param name="Digest">Its sha256 digest.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    /// <summary>The platform of an index entry, when given.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Annotations, when given.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Alternative URLs of a foreign (non-distributable) layer, when given.</summary>
    public IReadOnlyList<string>? Urls { get; init; }
}

/// <summary>A single-image manifest (Docker schema 2 or OCI).</summary>
public sealed record ImageManifest(string MediaType, Descriptor Config, IReadOnlyList<Descriptor> Layers);

/// <summary>A Docker manifest list or an OCI image index.</summary>
public sealed record ImageIndex(string MediaType, IReadOnlyList<Descriptor> Manifests)
{
    /// <summary>
    /// The entry for <paramref name="platform"/>: an exact variant match first, then any variant of the same os/architecture.
    /// Attestation entries (<c>unknown/unknown</c>) never match. Null when none fits.
    /// </summary>
    public Descriptor? Select(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var candidates = Manifests.Where(m => m.Platform is not null && MediaTypes.IsManifest(m.MediaType)
            && m.Platform.Os != "unknown" && m.Platform.Architecture != "unknown" && platform.Matches(m.Platform)).ToList();
        var want = Platform.Normalize(platform);
        return candidates.FirstOrDefault(m => Platform.Normalize(m.Platform!).Variant == want.Variant) ?? candidates.FirstOrDefault();
    }
}

/// <summary>The parts of an image configuration blob a runtime needs.</summary>
public sealed record ImageConfig
{
    /// <summary>Operating system of the image (<c>linux</c>).</summary>
    public string? Os { get; init; }

    /// <summary>CPU architecture (<c>amd64</c>).</summary>
    public string? Architecture { get; init; }

    /// <summary>Environment variables, <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The entrypoint, or null.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The default command, or null.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>The working directory, or null.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>The user (<c>uid[:gid]</c> or a name), or null.</summary>
    public string? User { get; init; }

    /// <summary>Exposed ports (<c>80/tcp</c>).</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Declared volumes.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>The stop signal, or null.</summary>
    public string? StopSignal { get; init; }

    /// <summary><c>rootfs.diff_ids</c>: the digests of the uncompressed layers, in order.</summary>
    public IReadOnlyList<string> DiffIds { get; init; } = [];
}

/// <summary>Parsers for manifests, indexes and image configs. Every failure is an <see cref="RegistryException"/> of kind <see cref="RegistryErrorKind.InvalidManifest"/>.</summary>
public static class ManifestParser
{
    /// <summary>Largest manifest or index accepted (as Docker Distribution).</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>Most layers an image manifest may list.</summary>
    public const int MaxLayers = 1000;

    /// <summary>Most entries an index may list.</summary>
    public const int MaxIndexEntries = 10000;

    /// <summary>Largest image config accepted.</summary>
    public const int MaxConfigBytes = 8 * 1024 * 1024;

    /// <summary>The media type of a manifest body: its <c>mediaType</c> field, else <paramref name="contentType"/>, else guessed from its shape.</summary>
    public static string DetectMediaType(ReadOnlySpan<byte> content, string? contentType)
    {
        try
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 64 });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("manifest is not a JSON object");
            }

            if (root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String && mt.GetString() is { Length: > 0 } declared)
            {
                return declared;
            }

            var ct = contentType?.Split(';')[0].Trim();
            if (MediaTypes.IsIndex(ct) || MediaTypes.IsManifest(ct))
            {
                return ct!;
            }

            if (root.TryGetProperty("manifests", out _))
            {
                return MediaTypes.OciIndex;
            }

            if (root.TryGetProperty("config", out _) && root.TryGetProperty("layers", out _))
            {
                return MediaTypes.OciManifest;
            }

            if (root.TryGetProperty("schemaVersion", out var sv) && sv.ValueKind == JsonValueKind.Number && sv.TryGetInt32(out var version) && version == 1)
            {
                throw Invalid("Docker schema 1 manifests are not supported");
            }

            throw Invalid("unknown manifest type");
        }
        catch (JsonException)
        {
            throw Invalid("manifest is not valid JSON");
        }
    }

    /// <summary>Parses a Docker schema 2 or OCI image manifest.</summary>
    public static ImageManifest ParseManifest(ReadOnlySpan<byte> content, string mediaType)
    {
        using var doc = Parse(content);
        var root = doc.RootElement;
        var config = ParseDescriptor(Required(root, "config", JsonValueKind.Object), "config");
        var layerArray = Required(root, "layers", JsonValueKind.Array);
        if (layerArray.GetArrayLength() > MaxLayers)
        {
            throw Invalid($"more than {MaxLayers} layers");
        }

        var layers = layerArray.EnumerateArray().Select((l, i) => ParseDescriptor(l, $"layers[{i}]")).ToList();
        return new ImageManifest(mediaType, config, layers);
    }

    /// <summary>Parses a Docker manifest list or OCI index.</summary>
    public static ImageIndex ParseIndex(ReadOnlySpan<byte> content, string mediaType)
    {
        using var doc = Parse(content);
        var entries = Required(doc.RootElement, "manifests", JsonValueKind.Array);
        if (entries.GetArrayLength() > MaxIndexEntries)
        {
            throw Invalid($"more than {MaxIndexEntries} index entries");
        }

        var manifests = entries.EnumerateArray()
            .Select((m, i) => ParseDescriptor(m, $"manifests[{i}]")).ToList();
        return new ImageIndex(mediaType, manifests);
    }

    /// <summary>Parses an image configuration blob.</summary>
    public static ImageConfig ParseConfig(ReadOnlySpan<byte> content)
    {
        using var doc = Parse(content);
        var root = doc.RootElement;
        var cfg = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return new ImageConfig
        {
            Os = String(root, "os"),
            Architecture = String(root, "architecture"),
            Env = cfg.ValueKind == JsonValueKind.Object ? Strings(cfg, "Env") ?? [] : [],
            Entrypoint = cfg.ValueKind == JsonValueKind.Object ? Strings(cfg, "Entrypoint") : null,
            Cmd = cfg.ValueKind == JsonValueKind.Object ? Strings(cfg, "Cmd") : null,
            WorkingDir = cfg.ValueKind == JsonValueKind.Object ? NonEmpty(String(cfg, "WorkingDir")) : null,
            User = cfg.ValueKind == JsonValueKind.Object ? NonEmpty(String(cfg, "User")) : null,
            StopSignal = cfg.ValueKind == JsonValueKind.Object ? NonEmpty(String(cfg, "StopSignal")) : null,
            ExposedPorts = cfg.ValueKind == JsonValueKind.Object ? Keys(cfg, "ExposedPorts") : [],
            Volumes = cfg.ValueKind == JsonValueKind.Object ? Keys(cfg, "Volumes") : [],
            Labels = cfg.ValueKind == JsonValueKind.Object && cfg.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                ? labels.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!)
                : new Dictionary<string, string>(),
            DiffIds = root.TryGetProperty("rootfs", out var rootfs) && rootfs.ValueKind == JsonValueKind.Object ? Strings(rootfs, "diff_ids") ?? [] : [],
        };
    }

    internal static Descriptor ParseDescriptor(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} is not an object");
        }

        var mediaType = String(e, "mediaType") ?? throw Invalid($"{where}.mediaType is missing");
        var digest = String(e, "digest");
        if (!ContentDigest.IsValid(digest))
        {
            throw Invalid($"{where}.digest is missing or not a sha256 digest");
        }

        if (!e.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw Invalid($"{where}.size is missing, not a whole number, or negative");
        }

        Platform? platform = null;
        if (e.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            var os = String(p, "os");
            var arch = String(p, "architecture");
            if (os is not null && arch is not null)
            {
                platform = new Platform(os, arch, NonEmpty(String(p, "variant")));
            }
        }

        IReadOnlyDictionary<string, string>? annotations = null;
        if (e.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            annotations = a.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).ToDictionary(x => x.Name, x => x.Value.GetString()!);
        }

        return new Descriptor(mediaType, digest, size) { Platform = platform, Annotations = annotations, Urls = Strings(e, "urls") };
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> content)
    {
        try
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 64 });
            var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw Invalid("document is not a JSON object");
            }

            return doc;
        }
        catch (JsonException)
        {
            throw Invalid("document is not valid JSON");
        }
    }

    private static JsonElement Required(JsonElement e, string name, JsonValueKind kind) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == kind ? v : throw Invalid($"{name} is missing or not of type {kind}");

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static List<string>? Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : null;

    private static List<string> Keys(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v.EnumerateObject().Select(p => p.Name).ToList() : [];

    private static RegistryException Invalid(string message) => new(RegistryErrorKind.InvalidManifest, "Invalid manifest: " + message);
}
