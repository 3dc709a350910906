using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Build;

/// <summary>
/// One package revision serialised once for every repo file it appears in: <see cref="Modern"/> (as in
/// <c>universe.json</c> and the files for 1.10+) and <see cref="Legacy"/> (re-escaped and downgraded, for files below
/// 1.10; the same array when the transformation changes nothing).
/// </summary>
public sealed class RepoEntry
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private RepoEntry(PackageDefinition package, LooseVersion minDcos, byte[] modern, byte[]? legacy)
    {
        Package = package;
        MinDcos = minDcos;
        Modern = modern;
        Legacy = legacy ?? modern;
    }

    public PackageDefinition Package { get; }
    public string Name => Package.Name;
    public long ReleaseVersion => Package.ReleaseVersion;

    /// <summary><c>minDcosReleaseVersion</c>, or <c>0.0</c> when absent (upstream's default).</summary>
    public LooseVersion MinDcos { get; }

    public byte[] Modern { get; }
    public byte[] Legacy { get; }

    /// <summary>Serialises <paramref name="package"/>; the legacy form only when <paramref name="needsLegacy"/> (it is visible below 1.10).</summary>
    public static RepoEntry Create(PackageDefinition package, bool needsLegacy)
    {
        ArgumentNullException.ThrowIfNull(package);
        var minDcos = MinDcosOf(package);
        var modern = Serialize(package.Json);
        var legacy = needsLegacy && LegacyTransform.Changes(package.Json) ? Serialize(LegacyTransform.Apply(package.Json)) : null;
        return new RepoEntry(package, minDcos, modern, legacy);
    }

    /// <summary>The <c>minDcosReleaseVersion</c> of <paramref name="package"/> as upstream filters on it.</summary>
    public static LooseVersion MinDcosOf(PackageDefinition package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return LooseVersion.Parse(package.MinDcosReleaseVersion ?? "0.0");
    }

    private static byte[] Serialize(JsonObject json)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
