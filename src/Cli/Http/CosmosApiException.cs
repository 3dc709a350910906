using System.Net;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;

namespace Universe.Cli.Http;

/// <summary>A Cosmos error envelope read back from a response: <c>{type, message, data}</c>.</summary>
public sealed class CosmosApiException : CliException
{
    public CosmosApiException(string type, string message, JsonObject? data, HttpStatusCode status)
        : base(message)
    {
        Type = type;
        ErrorData = data;
        Status = status;
    }

    /// <summary>The Cosmos error type, e.g. <c>PackageNotFound</c>.</summary>
    public string Type { get; }

    /// <summary>The envelope's <c>data</c> object, if any.</summary>
    public JsonObject? ErrorData { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode Status { get; }
}
