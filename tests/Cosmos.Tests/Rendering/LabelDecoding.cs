using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Rendering;

/// <summary>Reads the Cosmos labels back (as a reader of installed services would).</summary>
internal static class LabelDecoding
{
    public static string Base64Text(string value) => Encoding.UTF8.GetString(Convert.FromBase64String(value));

    /// <summary>The envelope of <c>DCOS_PACKAGE_DEFINITION</c> and the package JSON inside it (gunzipped).</summary>
    public static (JsonObject Envelope, string PackageJson) Definition(string value)
    {
        var envelope = JsonNode.Parse(Base64Text(value))!.AsObject();
        var data = Convert.FromBase64String(envelope["data"]!.GetValue<string>());
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return (envelope, reader.ReadToEnd());
    }
}
