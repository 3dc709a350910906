using Universe.Cli.Configuration;
using Universe.Cli.Hosting;

namespace Universe.Cli.Tests.TestSupport;

/// <summary>
/// Runs <c>dcos</c> command lines in-process through <see cref="CliApplication.InvokeAsync"/> with string
/// writers, a scripted stdin, a private config directory and environment, and a given HTTP client factory.
/// </summary>
internal sealed class TestCli : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly Func<Uri, HttpClient> _httpClientFactory;

    public TestCli(Func<Uri, HttpClient> httpClientFactory, Uri? clusterUrl = null)
    {
        _httpClientFactory = httpClientFactory;
        Environment["XDG_CONFIG_HOME"] = ConfigHome;
        if (clusterUrl is not null)
        {
            Environment[ClusterSettings.UrlVariable] = clusterUrl.AbsoluteUri;
        }
    }

    /// <summary>A CLI whose HTTP clients are real sockets (Kestrel stubs, closed ports).</summary>
    public static TestCli ForUrl(Uri clusterUrl) =>
        new(baseAddress => new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }, clusterUrl);

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public string ConfigHome => Path.Combine(_home.Path, "config");

    public TestConsole Console { get; private set; } = new();

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public string Stdout => Console.Stdout;

    public string Stderr => Console.Stderr;

    /// <summary>Runs one command line with fresh output buffers.</summary>
    public Task<int> RunAsync(string[] args, string input = "", bool interactive = false)
    {
        Console = new TestConsole(input, interactive);
        var store = CliConfigStore.Default(name => Environment.GetValueOrDefault(name));
        var host = new CliHost(Console.Console, name => Environment.GetValueOrDefault(name), store, _httpClientFactory, Time);
        return CliApplication.InvokeAsync(host, args, CancellationToken.None);
    }

    public Task<int> RunAsync(params string[] args) => RunAsync(args, string.Empty, false);

    public void Dispose() => _home.Dispose();
}
