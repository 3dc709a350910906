using System.CommandLine;

namespace Universe.Cli.Hosting;

/// <summary>The options every command accepts (recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The cluster (Cosmos) URL; overrides DCOS_URL and the configured cluster",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show more detail on errors (the Cosmos error type)",
        Recursive = true,
    };
}
