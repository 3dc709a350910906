using System.Net.Http.Headers;
using Universe.Cli.Configuration;
using Universe.Cli.Http;

namespace Universe.Cli.Hosting;

/// <summary>
/// What commands run against: the console, the environment, the config store, the clock and how HTTP clients
/// are made. Tests build one with string writers and an HttpClient factory for an in-process Cosmos.
/// </summary>
public sealed class CliHost(
    CliConsole console,
    Func<string, string?> environment,
    CliConfigStore configStore,
    Func<Uri, HttpClient> httpClientFactory,
    TimeProvider time)
{
    /// <summary>The client timeout of the original CLI (3 minutes; dcos/dcos-cli#1434).</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromMinutes(3);

    public CliConsole Console { get; } = console;

    public Func<string, string?> Environment { get; } = environment;

    public CliConfigStore ConfigStore { get; } = configStore;

    public TimeProvider Time { get; } = time;

    /// <summary>The global options of the invocation being run (set by <see cref="CliApplication"/>).</summary>
    public GlobalArgs Globals { get; set; } = GlobalArgs.None;

    /// <summary>The host of the real process.</summary>
    public static CliHost CreateDefault()
    {
        Func<string, string?> environment = global::System.Environment.GetEnvironmentVariable;
        return new CliHost(CliConsole.System(), environment, CliConfigStore.Default(environment), CreateHttpClient, TimeProvider.System);
    }

    public ClusterSettings ResolveCluster() => ClusterSettings.Resolve(Globals.Url, Environment, ConfigStore.Load());

    public CosmosClient CreateCosmosClient()
    {
        var cluster = ResolveCluster();
        return new CosmosClient(CreateClient(cluster.CosmosUrl, cluster.Token));
    }

    public MarathonClient CreateMarathonClient()
    {
        var cluster = ResolveCluster();
        return new MarathonClient(CreateClient(cluster.MarathonUrl, cluster.Token));
    }

    /// <summary>Runs a command body: CLI failures become <c>Error: …</c> on stderr and their exit code.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (CliException e)
        {
            ErrorReporter.Report(Console.Error, e, Globals.Verbose);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Error: cancelled");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            Console.Error.WriteLine($"Error: {e.Message}");
            if (Globals.Verbose)
            {
                Console.Error.WriteLine(e.ToString());
            }

            return ExitCodes.Error;
        }
    }

    private HttpClient CreateClient(Uri baseAddress, string? token)
    {
        var client = httpClientFactory(baseAddress);
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static HttpClient CreateHttpClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), UseProxy = false };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = HttpTimeout };
    }
}
