using System.Net;
using System.Text.Json.Serialization;

namespace Universe.Cosmos.Errors;

/// <summary>
/// A failure a Cosmos client can act on. Serialised as <c>{type, message, data}</c>: <c>type</c> is
/// <see cref="Type"/> (the record's name unless overridden), <c>data</c> the record's public properties.
/// </summary>
public abstract record CosmosError([property: JsonIgnore] string Message)
{
    /// <summary>The HTTP status of the error response.</summary>
    [JsonIgnore] public virtual HttpStatusCode Status => HttpStatusCode.BadRequest;

    /// <summary>The wire <c>type</c>: the Scala simple class name in DC/OS Cosmos.</summary>
    [JsonIgnore] public virtual string Type => GetType().Name;
}
