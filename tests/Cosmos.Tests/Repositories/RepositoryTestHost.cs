using Microsoft.Extensions.DependencyInjection;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;

namespace Universe.Cosmos.Tests.Repositories;

/// <summary>A started in-process Cosmos over a temp data directory whose default repository is a small tree (a, b).</summary>
internal sealed class RepositoryTestHost : IAsyncDisposable
{
    private RepositoryTestHost(TempDirectory temp, RepositoriesCosmosFactory factory)
    {
        Temp = temp;
        Factory = factory;
        Client = factory.CreateClient();
        Registry = factory.Services.GetRequiredService<RepositoryRegistry>();
    }

    public TempDirectory Temp { get; }

    public RepositoriesCosmosFactory Factory { get; }

    public HttpClient Client { get; }

    public RepositoryRegistry Registry { get; }

    public string DataDirectory => Temp.Combine("data");

    public string DefaultTree => Temp.Combine("default");

    public static async Task<RepositoryTestHost> StartAsync(
        Dictionary<string, string?>? settings = null,
        TempDirectory? temp = null,
        Action<IServiceCollection>? configureServices = null)
    {
        temp ??= new TempDirectory();
        if (!Directory.Exists(Path.Combine(temp.Path, "default")))
        {
            TestPackages.WriteTree(temp.Combine("default"), ("alpha", 0), ("alpha", 1), ("beta", 0));
        }

        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["Cosmos:DefaultRepositoryUri"] = temp.Combine("default"),
        };
        var host = new RepositoryTestHost(temp, new RepositoriesCosmosFactory(temp.Combine("data"), all, configureServices));
        await host.Registry.Loaded.WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    /// <summary>Writes another tree under the temp directory and returns its path.</summary>
    public string Tree(string name, params (string Name, long Release)[] revisions) => TestPackages.WriteTree(Temp.Combine(name), revisions);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>Disposes the host and its temp directory.</summary>
    public async ValueTask DisposeAllAsync()
    {
        await DisposeAsync();
        Temp.Dispose();
    }
}
