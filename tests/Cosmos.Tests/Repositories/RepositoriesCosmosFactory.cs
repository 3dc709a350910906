using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Universe.Cosmos.Tests.Repositories;

/// <summary>
/// In-process Cosmos over a given data directory (owned by the caller, so a second factory over the same directory is a
/// restart) and extra <c>Cosmos:…</c> settings.
/// </summary>
public sealed class RepositoriesCosmosFactory(
    string dataDirectory,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Cosmos:DataDirectory", dataDirectory);
        builder.UseSetting("Cosmos:DefaultRepositoryUri", string.Empty);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }
}
