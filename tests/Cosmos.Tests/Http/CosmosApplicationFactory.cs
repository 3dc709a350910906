using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Tests.Http;

/// <summary>
/// The in-process Cosmos for HTTP tests (shared by every area). Each instance has its own temporary
/// <c>Cosmos:DataDirectory</c>, deleted on dispose. Configure before the first <c>CreateClient()</c>:
/// <see cref="DefaultRepositoryUri"/> (a test universe tree or repository file), <see cref="Settings"/>
/// (any other <c>Cosmos:…</c> key), <see cref="Catalog"/> (replace the repositories' IPackageCatalog with an
/// in-memory one) and <see cref="ConfigureServices"/> (any other test registration).
/// </summary>
public class CosmosApplicationFactory : WebApplicationFactory<Program>
{
    public CosmosApplicationFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "cosmos-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    /// <summary>This factory's own <c>Cosmos:DataDirectory</c>.</summary>
    public string DataDirectory { get; }

    /// <summary><c>Cosmos:DefaultRepositoryUri</c>; null leaves Cosmos's default.</summary>
    public string? DefaultRepositoryUri { get; set; }

    /// <summary>Extra configuration, e.g. <c>["Cosmos:Auth:Token"] = "s3cret"</c>.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, replaces the registered <see cref="IPackageCatalog"/> (e.g. an in-memory catalog).</summary>
    public IPackageCatalog? Catalog { get; set; }

    /// <summary>Extra test registrations, applied after Cosmos's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Cosmos:DataDirectory", DataDirectory);
        if (DefaultRepositoryUri is not null)
        {
            builder.UseSetting("Cosmos:DefaultRepositoryUri", DefaultRepositoryUri);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (Catalog is { } catalog)
            {
                services.RemoveAll<IPackageCatalog>();
                services.AddSingleton(catalog);
            }

            ConfigureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataDirectory();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataDirectory();
        }
    }

    private void DeleteDataDirectory()
    {
        if (Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A background writer may still hold a file for a moment; the temp dir is harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // Same as above.
            }
        }
    }
}
