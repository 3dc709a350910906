using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Cosmos.Catalog;

namespace Universe.Cosmos.Bench;

/// <summary>
/// A real Cosmos (Kestrel on 127.0.0.1, bundled universe, bundled Runtime with its local agent running real processes)
/// wired exactly like Program.cs, for benchmarks that measure over HTTP; or an already running Cosmos named by
/// <c>INSTALL_BENCH_COSMOS_URL</c>.
/// </summary>
internal sealed class InstallCosmosHost : IAsyncDisposable
{
    /// <summary>Environment variable naming an already running Cosmos to measure instead (e.g. <c>http://127.0.0.1:7070</c>).</summary>
    public const string ExternalUrlVariable = "INSTALL_BENCH_COSMOS_URL";

    private readonly WebApplication? _app;
    private readonly string? _dataDirectory;

    private InstallCosmosHost(WebApplication? app, string? dataDirectory, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The in-bench Cosmos's services (null when measuring an external Cosmos).</summary>
    public IServiceProvider? Services => _app?.Services;

    public static async Task<InstallCosmosHost> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ExternalUrlVariable) is { Length: > 0 } external)
        {
            return new InstallCosmosHost(null, null, new Uri(external));
        }

        var data = Path.Combine(Path.GetTempPath(), "cosmos-install-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--Cosmos:DataDirectory={data}",
            $"--Cosmos:DefaultRepositoryUri={UniversePath()}",
        ]);
        builder.Logging.ClearProviders();
        builder.Services.AddCosmos(builder.Configuration);
        var app = builder.Build();
        app.UseCosmosErrors();
        app.MapCosmos();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InstallCosmosHost(app, data, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null || _dataDirectory is null)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string UniversePath([CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "universe", "repo", "packages")))
            {
                return Path.Combine(dir.FullName, "universe");
            }
        }

        throw new InvalidOperationException("universe/ not found above " + source);
    }
}
