using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>An upstream answered the resource proxy with a status it cannot pass on. 400, <c>clientStatus</c> = the upstream's.</summary>
public sealed record GenericHttpError(string Method, string Uri, int ClientStatus)
    : CosmosError($"Unexpected upstream http error: {Method} {Uri} {ClientStatus}")
{
    [JsonPropertyName("status")] public int StatusCode => (int)HttpStatusCode.BadRequest;
}
