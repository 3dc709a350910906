using System.Text;

namespace Universe.Cosmos.Services;

/// <summary>An RFC 2397 <c>data:</c> URL, decoded. Pure.</summary>
public sealed record DataUri(string MediaType, byte[] Content)
{
    /// <summary>Decodes <c>data:[&lt;mediatype&gt;][;base64],&lt;data&gt;</c>; false when malformed.</summary>
    public static bool TryParse(string value, out DataUri? result)
    {
        result = null;
        if (value is null || !value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = value[5..comma];
        var payload = value[(comma + 1)..];
        var isBase64 = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        var mediaType = isBase64 ? header[..^7] : header;
        if (mediaType.Length == 0)
        {
            mediaType = "text/plain;charset=US-ASCII";
        }

        try
        {
            var bytes = isBase64
                ? Convert.FromBase64String(Uri.UnescapeDataString(payload))
                : Encoding.UTF8.GetBytes(Uri.UnescapeDataString(payload));
            result = new DataUri(mediaType, bytes);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
