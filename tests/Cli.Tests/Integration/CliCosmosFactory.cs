using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Universe.Cosmos.Marathon;

namespace Universe.Cli.Tests.Integration;

/// <summary>
/// An in-process Cosmos (with the bundled universe and the bundled Runtime on one simulated agent, so installed
/// apps run at once without processes) in its own temporary data directories. The CLI reaches it through
/// <see cref="CreateHttpClient"/>, an HttpClient over the test server's handler: no sockets.
/// </summary>
public sealed class CliCosmosFactory : WebApplicationFactory<global::Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cli-cosmos-" + Guid.NewGuid().ToString("N"));

    /// <summary>The cluster URL the CLI is given (the test server's base address).</summary>
    public static Uri ClusterUrl { get; } = new("http://localhost/");

    public HttpClient CreateHttpClient(Uri baseAddress) =>
        new(Server.CreateHandler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Directory.CreateDirectory(_root);
        builder.UseSetting("Cosmos:DataDirectory", Path.Combine(_root, "cosmos"));
        builder.UseSetting("Runtime:DataDirectory", Path.Combine(_root, "runtime"));
        builder.UseSetting("Runtime:LocalAgent:Enabled", "false");
        builder.UseSetting("Runtime:SimulatedAgents:Count", "1");
        builder.UseSetting("Runtime:AllocationIntervalMilliseconds", "100");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IMarathonHttpClientProvider>();
            services.AddSingleton<IMarathonHttpClientProvider>(new TestServerMarathonProvider(() => Server));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_root))
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A background writer may still hold a file for a moment; the temp directory is harmless.
            }
        }
    }
}
