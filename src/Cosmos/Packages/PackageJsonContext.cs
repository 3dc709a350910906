using System.Text.Encodings.Web;
using System.Text.Json;

namespace Universe.Cosmos.Packages;

/// <summary>Serializer options for writing package files and repo indexes.</summary>
internal static class PackageJsonContext
{
    /// <summary>Indented, with only the escaping JSON requires (tree files are meant to be read by people).</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Compact (repo indexes).</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
