using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>The resource proxy could not fetch an allowed URL. 502.</summary>
public sealed record EndpointUriConnection(string Destination, string Cause) : CosmosError($"Could not access data at URI {Destination}")
{
    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.BadGateway;
}
