using LibGit2Sharp;
using Universe.Registry;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// Points libgit2 at the shared outbound proxy settings (<c>Cosmos:Proxy</c>, <c>universe mirror --proxy</c>,
/// HTTPS_PROXY/NO_PROXY) for one git remote, so git traffic takes the same way as every other fetch. https remotes go
/// through the proxy with <c>CONNECT</c> and Basic proxy credentials, read at every clone or fetch (a rotated password
/// needs no restart). libgit2 sends plain-http git straight to the origin even with a proxy set (libgit2 only does
/// CONNECT-style proxying), so an http remote that the settings route through a proxy is refused rather than let it
/// bypass the proxy silently. With no proxy for the remote, libgit2's own proxy discovery (git config, environment)
/// is switched off too.
/// </summary>
public static class GitRemoteProxy
{
    /// <summary>
    /// Sets <paramref name="options"/>' proxy for <paramref name="remote"/> and returns the proxy used, or null when the
    /// remote goes direct (a local path, NO_PROXY, no proxy configured). Throws <see cref="GitProxyException"/> for a
    /// plain-http remote that should go through a proxy.
    /// </summary>
    public static Uri? Configure(FetchOptions options, string remote, ProxySettings proxy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(proxy);
        options.ProxyOptions.ProxyType = ProxyType.None;
        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || proxy.GetProxy(uri) is not { } via)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            throw new GitProxyException(
                $"libgit2 cannot send a plain-http git remote through the proxy {via} (it would go straight to the origin): use an https remote, or list the host in NO_PROXY");
        }

        options.ProxyOptions.ProxyType = ProxyType.Specified;
        options.ProxyOptions.Url = via.ToString();
        if (proxy.ReadCredentials(via) is { } credential)
        {
            options.ProxyOptions.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = credential.UserName, Password = credential.Password };
        }

        return via;
    }

    /// <summary>
    /// Asks the remote's smart-HTTP endpoint (<c>info/refs?service=git-upload-pack</c>) once through
    /// <paramref name="client"/>, which carries the same proxy, credentials and trust as libgit2 will. A refused proxy
    /// tunnel or an untrusted certificate then fails here as a .NET exception with a precise cause, before libgit2 runs
    /// into it: libgit2 1.8 hangs closing a TLS session it refused inside a proxy tunnel. Throws the
    /// <see cref="HttpRequestException"/> of a transport failure; returns the HTTP status otherwise (or null for a remote
    /// that is not http(s)).
    /// </summary>
    public static async Task<System.Net.HttpStatusCode?> ProbeAsync(HttpClient client, string remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var refs = new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') + "/info/refs", Query = "service=git-upload-pack", Fragment = string.Empty }.Uri;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, refs);
        request.Headers.UserAgent.ParseAdd("git/2.0");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return response.StatusCode;
    }

    /// <summary>
    /// libgit2's message made plain: a proxy that wants credentials reads as the 407 it is; an untrusted certificate
    /// says where to add the CA (<paramref name="trustHint"/>, e.g. <c>--ca-file</c>).
    /// </summary>
    public static string Describe(LibGit2SharpException exception, string trustHint)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (message.Contains("proxy", StringComparison.OrdinalIgnoreCase)
            && (message.Contains("authentication", StringComparison.OrdinalIgnoreCase) || message.Contains("407", StringComparison.Ordinal)))
        {
            return $"the proxy refused the tunnel: 407 Proxy Authentication Required (give proxy credentials: a credentials file, user:pass@ in the proxy URL or {ProxySettings.PasswordEnvironmentVariable}); libgit2: {message}";
        }

        return message.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            ? $"the server's certificate is not trusted ({message}): add the CA that issued it with {trustHint}"
            : message;
    }
}

/// <summary>A git remote that cannot be fetched the way the proxy settings require.</summary>
public sealed class GitProxyException(string message) : Exception(message);
