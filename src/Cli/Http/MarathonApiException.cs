using System.Net;
using Universe.Cli.Hosting;

namespace Universe.Cli.Http;

/// <summary>A non-success Marathon response (<c>{"message": …}</c>).</summary>
public sealed class MarathonApiException(HttpStatusCode status, string message) : CliException(message)
{
    public HttpStatusCode Status { get; } = status;
}
