using System.Text.Encodings.Web;
using System.Text.Json;

namespace Universe.Runtime;

/// <summary>Serializer options for responses and storage: no escaping of <c>+</c>, <c>'</c> and the like, so labels stay byte-identical.</summary>
internal static class RuntimeJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
