using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Output;

namespace Universe.Cli.Commands.Plugins;

/// <summary>
/// The Linux x86-64 CLI binary of a package (<c>resource.cli.binaries.linux["x86-64"]</c>): where to fetch it, its
/// expected sha256 and the subcommand it provides.
/// </summary>
/// <param name="Url">The original URL (a Cosmos <c>/package/resource?url=</c> proxy URL is unwrapped).</param>
/// <param name="Sha256">The lower-case hex sha256 from <c>contentHash</c>.</param>
/// <param name="Command">The subcommand name: <c>dcos-&lt;x&gt;</c> named by the URL gives <c>x</c>, else the
/// package name without a trailing <c>-cli</c>.</param>
internal sealed record PluginBinary(string Url, string Sha256, string Command)
{
    /// <summary>The error text of the original for packages with only the old pip <c>command</c>.</summary>
    public const string PipUnsupported =
        "unable to install CLI subcommand. PIP subcommands are no longer supported see: https://godoc.org/github.com/dcos/client-go/dcos#CosmosPackageCommand";

    private const string ProxyPath = "/package/resource";

    /// <summary>True when the package has a CLI part (binaries or the old pip <c>command</c>).</summary>
    public static bool HasCli(JsonObject package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package["resource"]?["cli"] is not null || package["command"] is not null;
    }

    /// <summary>The binary of <paramref name="package"/>; fails for pip-only packages and missing Linux binaries.</summary>
    public static PluginBinary FromPackage(JsonObject package, string packageName)
    {
        ArgumentNullException.ThrowIfNull(package);
        PluginStore.ValidateName(packageName, "package name");
        var cli = package["resource"]?["cli"];
        if (cli is null)
        {
            throw new CliException(PipUnsupported);
        }

        var binary = cli["binaries"]?["linux"]?["x86-64"] as JsonObject
            ?? throw new CliException($"'{packageName}' isn't available for 'linux')");
        var url = JsonText.Str(binary["url"]);
        if (string.IsNullOrEmpty(url))
        {
            throw new CliException($"the CLI binary of package [{packageName}] has no URL");
        }

        var sha256 = (binary["contentHash"] as JsonArray ?? [])
            .Where(h => string.Equals(JsonText.Str(h?["algo"]), "sha256", StringComparison.OrdinalIgnoreCase))
            .Select(h => JsonText.Str(h?["value"]))
            .FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? throw new CliException($"the CLI binary of package [{packageName}] has no sha256 contentHash");

        var original = Unwrap(url);
        return new PluginBinary(original, sha256.ToLowerInvariant(), CommandName(original, packageName));
    }

    /// <summary>The original URL behind a Cosmos resource proxy URL; other URLs unchanged.</summary>
    internal static string Unwrap(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !uri.AbsolutePath.EndsWith(ProxyPath, StringComparison.Ordinal))
        {
            return url;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("url=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["url=".Length..].Replace('+', ' '));
            }
        }

        return url;
    }

    private static string CommandName(string url, string packageName)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var file = uri.Segments.Length > 0 ? Uri.UnescapeDataString(uri.Segments[^1]) : string.Empty;
            if (file.StartsWith("dcos-", StringComparison.Ordinal) && file.Length > "dcos-".Length)
            {
                var named = file["dcos-".Length..];
                PluginStore.ValidateName(named, "CLI command name");
                return named;
            }
        }

        return packageName.EndsWith("-cli", StringComparison.Ordinal) && packageName.Length > "-cli".Length
            ? packageName[..^"-cli".Length]
            : packageName;
    }
}
