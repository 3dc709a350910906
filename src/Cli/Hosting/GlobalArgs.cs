namespace Universe.Cli.Hosting;

/// <summary>Options accepted by every command: <c>--url</c> (overrides DCOS_URL and the config file) and <c>--verbose</c>.</summary>
public sealed record GlobalArgs(string? Url, bool Verbose)
{
    public static GlobalArgs None { get; } = new(null, false);
}
