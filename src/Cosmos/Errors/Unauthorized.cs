using System.Net;
using System.Text.Json.Serialization;

namespace Universe.Cosmos.Errors;

/// <summary>
/// 401. <c>data</c>: <c>serviceName</c>, <c>realm</c> (when known), <c>status</c> (401), as in DC/OS Cosmos. The
/// default message is Cosmos's; Cosmos's own token check passes a message of its own.
/// </summary>
public sealed record Unauthorized : CosmosError
{
    public Unauthorized(string serviceName, string? realm = null, string? message = null)
        : base(message ?? $"Unable to complete request due to Unauthorized response from service [{serviceName}]")
    {
        ServiceName = serviceName;
        Realm = realm;
    }

    public string ServiceName { get; }

    public string? Realm { get; }

    [JsonPropertyName("status")] public int StatusCode => (int)HttpStatusCode.Unauthorized;

    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.Unauthorized;
}
