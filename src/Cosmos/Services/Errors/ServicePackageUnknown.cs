using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>An app without the labels that name its package (DC/OS Cosmos: an unhandled 500 with the same message).</summary>
public sealed record ServicePackageUnknown(string AppId)
    : CosmosError("The name and version of the service were not found in the labels")
{
    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.InternalServerError;
}
