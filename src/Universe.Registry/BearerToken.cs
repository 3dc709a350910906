using System.Text.Json;

namespace Universe.Registry;

/// <summary>A registry bearer token from a token service (<c>token</c> or <c>access_token</c>), renewed a little before it expires.</summary>
internal sealed record BearerToken(string Value, DateTimeOffset ExpiresAt)
{
    public static BearerToken Parse(byte[] body, string realm, DateTimeOffset now)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            string? value = null;
            if (root.ValueKind == JsonValueKind.Object)
            {
                value = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                    : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            }

            if (string.IsNullOrEmpty(value) || value.Any(c => c <= ' ' || c >= 0x7f))
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized, $"The token service {realm} returned no usable token");
            }

            var lifetime = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 60;
            // Renew a little early so a token never expires in flight.
            return new BearerToken(value, now.AddSeconds(Math.Max(5, lifetime - 10)));
        }
        catch (JsonException)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"The token service {realm} returned invalid JSON");
        }
    }
}
