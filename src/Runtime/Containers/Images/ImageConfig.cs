using System.Text.Json;

namespace Universe.Runtime.Containers.Images;

/// <summary>The parts of an OCI/Docker image config the Runtime uses: the process defaults and the layers' diff ids.</summary>
internal sealed record ImageConfig(
    IReadOnlyList<string> Env,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyList<string>? Cmd,
    string? WorkingDir,
    string? User,
    IReadOnlyList<string> DiffIds)
{
    /// <summary>Parses an image config blob (<c>application/vnd.oci.image.config.v1+json</c> or Docker's container config).</summary>
    public static ImageConfig Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var diffIds = root.TryGetProperty("rootfs", out var rootfs) && rootfs.ValueKind == JsonValueKind.Object
                ? Strings(rootfs, "diff_ids") ?? []
                : [];
            return new ImageConfig(
                Strings(config, "Env") ?? [],
                Strings(config, "Entrypoint"),
                Strings(config, "Cmd"),
                String(config, "WorkingDir"),
                String(config, "User"),
                diffIds);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The image config is not valid JSON: " + e.Message, e);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static List<string>? Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;
}
