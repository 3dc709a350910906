namespace Universe.Cli.Configuration;

/// <summary>Where this invocation talks to: the Cosmos base URL, the Marathon base URL and the optional token.</summary>
public sealed record ClusterSettings(Uri CosmosUrl, Uri MarathonUrl, string? Token)
{
    public const string UrlVariable = "DCOS_URL";
    public const string TokenVariable = "DCOS_TOKEN";
    public const string MarathonUrlVariable = "DCOS_MARATHON_URL";

    /// <summary>
    /// Resolves the settings: URL from <paramref name="urlOverride"/> (<c>--url</c>), else <c>DCOS_URL</c>, else the
    /// config file; token from <c>DCOS_TOKEN</c>, else the config file; Marathon from <c>DCOS_MARATHON_URL</c>, else
    /// the config file, else <c>&lt;url&gt;/marathon</c>.
    /// </summary>
    public static ClusterSettings Resolve(string? urlOverride, Func<string, string?> environment, CliConfig config)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(config);
        var url = FirstNonEmpty(urlOverride, environment(UrlVariable), config.Url)
            ?? throw new Hosting.CliException(
                "no cluster is configured: run `dcos cluster setup <url>`, pass --url, or set DCOS_URL");
        var cosmos = ParseBaseUrl(url);
        var marathonText = FirstNonEmpty(environment(MarathonUrlVariable), config.MarathonUrl);
        var marathon = marathonText is null ? new Uri(cosmos, "marathon/") : ParseBaseUrl(marathonText);
        var token = FirstNonEmpty(environment(TokenVariable), config.Token);
        return new ClusterSettings(cosmos, marathon, token);
    }

    /// <summary>Parses an http(s) base URL and normalises it to end with a slash.</summary>
    public static Uri ParseBaseUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new Hosting.CliException($"'{text}' is not an http or https URL");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
