using Universe.Cli.Configuration;
using Universe.Cli.Hosting;

namespace Universe.Cli.Commands.Cluster;

/// <summary>Validates and stores the cluster URL (and optional token and Marathon URL) in the config file.</summary>
internal sealed class ClusterSetupRunner(CliConfigStore store, CliConsole console, Func<string, string?> environment, string? globalUrl)
{
    public Task<int> RunAsync(ClusterSetupArgs args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = FirstNonEmpty(args.Url, globalUrl, environment(ClusterSettings.UrlVariable))
            ?? throw CliException.Usage("a cluster URL is required: dcos cluster setup <url>");
        var url = ClusterSettings.ParseBaseUrl(text);
        var marathon = args.MarathonUrl is null ? null : ClusterSettings.ParseBaseUrl(args.MarathonUrl);
        var token = args.Token == "-" ? console.In.ReadLine()?.Trim() : args.Token;
        var previous = store.Load();
        if (token is null && string.Equals(previous.Url, url.AbsoluteUri, StringComparison.Ordinal))
        {
            token = previous.Token;
        }

        store.Save(new CliConfig(url.AbsoluteUri, string.IsNullOrEmpty(token) ? null : token, marathon?.AbsoluteUri));
        console.Error.WriteLine($"Cluster set up: {url.AbsoluteUri} (configuration saved to {store.Path})");
        return Task.FromResult(ExitCodes.Success);
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
