using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>Marathon answered 409 to the install's <c>POST /v2/apps</c>. 409, no data.</summary>
public sealed record PackageAlreadyInstalled() : CosmosError("Package is already installed")
{
    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.Conflict;
}
