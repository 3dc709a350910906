using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;

namespace Universe.Cli.Commands.Plugins;

/// <summary>
/// Installs a package's CLI subcommand: fetches the binary (<c>data:</c> URLs locally, others through Cosmos's
/// <c>GET /package/resource?url=</c>, since the CLI talks to Cosmos only), verifies its sha256 and stores it.
/// Nothing is installed when the download or the hash check fails.
/// </summary>
internal sealed class PluginInstaller(CosmosClient cosmos, PluginStore store, CliConsole console)
{
    /// <summary>Installs the plugin of <paramref name="package"/> (a describe response's package).</summary>
    public async Task<InstalledPlugin> InstallAsync(JsonObject package, string packageName, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var binary = PluginBinary.FromPackage(package, packageName);
        console.Error.WriteLine($"Installing CLI subcommand for package [{packageName}] version [{version}]");
        var content = await FetchAsync(binary.Url, cancellationToken);
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, binary.Sha256, StringComparison.Ordinal))
        {
            throw new CliException(
                $"the CLI binary of package [{packageName}] has sha256 {actual}, but the package expects {binary.Sha256}; nothing was installed");
        }

        var installed = store.Install(packageName, binary.Command, content, package);
        console.Error.WriteLine($"New command available: dcos {installed.Command}");
        return installed;
    }

    private async Task<byte[]> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return DecodeDataUrl(url);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"unsupported CLI binary URL '{url}': only http, https and data URLs are supported");
        }

        return await cosmos.GetResourceAsync(url, cancellationToken);
    }

    /// <summary>The bytes of a <c>data:[&lt;type&gt;][;base64],&lt;data&gt;</c> URL.</summary>
    internal static byte[] DecodeDataUrl(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new CliException("malformed data URL of the CLI binary (no ',')");
        }

        var header = url["data:".Length..comma];
        var data = url[(comma + 1)..];
        if (header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Convert.FromBase64String(Uri.UnescapeDataString(data));
            }
            catch (FormatException e)
            {
                throw new CliException($"malformed base64 in the data URL of the CLI binary: {e.Message}", e);
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(data));
    }
}
