using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;

namespace Universe.Registry;

/// <summary>
/// Outbound proxy settings shared by everything that fetches (registries, assets, repository JSON), turned into an
/// <see cref="HttpMessageHandler"/> by <see cref="CreateHandler(TrustedRoots, bool)"/>. Sources, in order: an explicit proxy URL
/// (<c>--proxy</c>, applied to every host not in NO_PROXY, loopback included), else <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>
/// (either case). Credentials: a credentials file with one line <c>user:password</c> (re-read at every use, so a
/// rotated password needs no restart), else the URL's <c>user:pass@</c>, with <c>UNIVERSE_PROXY_PASSWORD</c> supplying
/// the password when the URL or <see cref="Username"/> gives only a user. Credentials are never printed.
/// </summary>
public sealed class ProxySettings
{
    /// <summary>The environment variable that may hold the proxy password.</summary>
    public const string PasswordEnvironmentVariable = "UNIVERSE_PROXY_PASSWORD";

    private readonly NetworkCredential? _httpUrlCredential;
    private readonly NetworkCredential? _httpsUrlCredential;
    private readonly Func<string, string?> _environment;
    private readonly NoProxyList _noProxy;
    private readonly ConcurrentDictionary<string, bool> _basicProxies = new(StringComparer.OrdinalIgnoreCase);

    private ProxySettings(
        Uri? httpProxy,
        Uri? httpsProxy,
        NetworkCredential? httpCredential,
        NetworkCredential? httpsCredential,
        string? username,
        string? credentialsFile,
        string? noProxy,
        Func<string, string?> environment)
    {
        HttpProxy = httpProxy;
        HttpsProxy = httpsProxy;
        _httpUrlCredential = httpCredential;
        _httpsUrlCredential = httpsCredential;
        Username = username;
        CredentialsFile = credentialsFile;
        _environment = environment;
        _noProxy = new NoProxyList(noProxy);
        NoProxy = _noProxy.Entries;
    }

    /// <summary>No proxy at all (and the process environment is not consulted).</summary>
    public static ProxySettings None { get; } = new(null, null, null, null, null, null, null, _ => null);

    /// <summary>The proxy used for <c>http://</c> targets (user info removed), or null.</summary>
    public Uri? HttpProxy { get; }

    /// <summary>The proxy used for <c>https://</c> targets (user info removed), or null.</summary>
    public Uri? HttpsProxy { get; }

    /// <summary>The proxy user when given separately from the URL (with <c>UNIVERSE_PROXY_PASSWORD</c>).</summary>
    public string? Username { get; }

    /// <summary>The credentials file (<c>user:password</c>), or null.</summary>
    public string? CredentialsFile { get; }

    /// <summary>The NO_PROXY entries (<c>*</c>, host, <c>.domain</c>, <c>host:port</c>, IP, CIDR).</summary>
    public IReadOnlyList<string> NoProxy { get; }

    /// <summary>True when some proxy is configured.</summary>
    public bool IsEnabled => HttpProxy is not null || HttpsProxy is not null;

    /// <summary>True when credentials are configured (a file, a URL's user, or <see cref="Username"/>), without reading them.</summary>
    public bool HasCredentials => CredentialsFile is not null || _httpUrlCredential is not null || _httpsUrlCredential is not null || Username is not null;

    /// <summary>
    /// Builds settings. With <paramref name="proxyUrl"/> it is used for both schemes; otherwise HTTPS_PROXY/HTTP_PROXY
    /// from <paramref name="environment"/> (the process environment by default). <paramref name="noProxy"/> defaults to NO_PROXY.
    /// </summary>
    public static ProxySettings Create(
        string? proxyUrl = null,
        string? credentialsFile = null,
        string? noProxy = null,
        string? username = null,
        Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? Env(string name) => Blank(environment(name)) ?? Blank(environment(name.ToLowerInvariant()));

        Uri? http;
        Uri? https;
        NetworkCredential? httpCred;
        NetworkCredential? httpsCred;
        if (Blank(proxyUrl) is { } explicitUrl)
        {
            (http, httpCred) = ParseProxyUrl(explicitUrl, "--proxy");
            (https, httpsCred) = (http, httpCred);
        }
        else
        {
            (http, httpCred) = Env("HTTP_PROXY") is { } h ? ParseProxyUrl(h, "HTTP_PROXY") : (null, null);
            (https, httpsCred) = Env("HTTPS_PROXY") is { } s ? ParseProxyUrl(s, "HTTPS_PROXY") : (null, null);
        }

        return new ProxySettings(http, https, httpCred, httpsCred, Blank(username), Blank(credentialsFile), Blank(noProxy) ?? Env("NO_PROXY"), environment);
    }

    /// <summary>Settings from the environment only (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, UNIVERSE_PROXY_PASSWORD).</summary>
    public static ProxySettings FromEnvironment(Func<string, string?>? environment = null) => Create(environment: environment);

    /// <summary>
    /// Settings from a configuration section (e.g. <c>Cosmos:Proxy</c>, <c>Runtime:Proxy</c>) with keys <c>Url</c>,
    /// <c>CredentialsFile</c>, <c>Username</c>, <c>NoProxy</c>; without <c>Url</c> the environment variables apply.
    /// </summary>
    public static ProxySettings FromConfiguration(IConfiguration section, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Create(section["Url"], section["CredentialsFile"], section["NoProxy"], section["Username"], environment);
    }

    /// <summary>The proxy for <paramref name="target"/>, or null when it goes direct (no proxy for its scheme, or NO_PROXY).</summary>
    public Uri? GetProxy(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var proxy = target.Scheme == Uri.UriSchemeHttps || target.Scheme == "wss" ? HttpsProxy : HttpProxy;
        return proxy is null || _noProxy.Matches(target) ? null : proxy;
    }

    /// <summary>
    /// The credentials to present to <paramref name="proxy"/>, read now (the credentials file is re-read every call). A
    /// user <c>DOMAIN\user</c> comes back split (<see cref="NetworkCredential.Domain"/> set): NTLM implementations that
    /// take the user name as it is (.NET's managed NTLM) would otherwise look up a user named <c>DOMAIN\user</c> in no
    /// domain; GSSAPI's gss-ntlmssp and Basic (which .NET and <see cref="AddPreemptiveCredentials"/> send as
    /// <c>DOMAIN\user:password</c>) see the same user either way.
    /// </summary>
    public NetworkCredential? ReadCredentials(Uri? proxy = null)
    {
        if (CredentialsFile is not null)
        {
            string line;
            try
            {
                line = File.ReadLines(CredentialsFile).FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RegistryException(RegistryErrorKind.ProxyAuthenticationRequired,
                    $"Cannot read the proxy credentials file [{CredentialsFile}]: {e.GetType().Name}");
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new RegistryException(RegistryErrorKind.ProxyAuthenticationRequired,
                    $"The proxy credentials file [{CredentialsFile}] must hold one line user:password");
            }

            return Credential(line[..colon], line[(colon + 1)..]);
        }

        var fromUrl = proxy is not null && HttpsProxy is not null && Same(proxy, HttpsProxy) ? _httpsUrlCredential ?? _httpUrlCredential
            : _httpUrlCredential ?? _httpsUrlCredential;
        var user = fromUrl?.UserName is { Length: > 0 } u ? u : Username;
        if (user is null)
        {
            return null;
        }

        var password = fromUrl?.Password is { Length: > 0 } p ? p : Blank(_environment(PasswordEnvironmentVariable));
        return Credential(user, password ?? string.Empty);
    }

    /// <summary>
    /// For a plain-HTTP request that goes through a proxy known to take <c>Basic</c> (see
    /// <see cref="RememberProxyScheme"/>), sets <c>Proxy-Authorization: Basic</c> up front (read now), saving the 407
    /// round trip .NET otherwise makes for every request. The request travels to that proxy in clear text anyway;
    /// HTTPS targets use <c>CONNECT</c>, where the handler authenticates once per connection. Until the proxy has taken
    /// Basic once, nothing is sent up front: a proxy that wants NTLM or Negotiate never sees the password in Basic's
    /// clear text (squid, for one, writes an unexpected Basic header into its cache.log). Returns whether it set it.
    /// </summary>
    public bool AddPreemptiveCredentials(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { Scheme: "http" } target || GetProxy(target) is not { } proxy || proxy.Scheme != "http"
            || !_basicProxies.ContainsKey(proxy.Authority))
        {
            return false;
        }

        if (ReadCredentials(proxy) is not { } credential)
        {
            return false;
        }

        var user = credential.Domain.Length > 0 ? credential.Domain + "\\" + credential.UserName : credential.UserName;
        var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + credential.Password));
        request.Headers.ProxyAuthorization = new AuthenticationHeaderValue("Basic", token);
        return true;
    }

    /// <summary>
    /// Learns from a finished plain-HTTP request whether its proxy takes <c>Basic</c>: when the proxy let it through
    /// (no 407) with a Basic <c>Proxy-Authorization</c> on it (the handler's answer to the proxy's challenge, or one
    /// sent up front), later requests through that proxy get their credentials up front
    /// (<see cref="AddPreemptiveCredentials"/>). An NTLM or Negotiate answer teaches nothing. Called by
    /// <see cref="ProxyAuthenticationFailureHandler"/> for every response.
    /// </summary>
    public void RememberProxyScheme(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.ProxyAuthenticationRequired
            && response.RequestMessage is { RequestUri: { Scheme: "http" } target } request
            && string.Equals(request.Headers.ProxyAuthorization?.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && GetProxy(target) is { Scheme: "http" } proxy)
        {
            _basicProxies.TryAdd(proxy.Authority, true);
        }
    }

    /// <summary>An <see cref="IWebProxy"/> over these settings, or null when no proxy is configured.</summary>
    public IWebProxy? CreateWebProxy() => IsEnabled ? new SettingsWebProxy(this) : null;

    /// <summary>
    /// A new <see cref="SocketsHttpHandler"/> routed through these settings (no proxy at all when none is configured:
    /// the default system proxy is never picked up behind the caller's back). <paramref name="caFile"/> adds trusted CA
    /// certificates (PEM) to the system's; <paramref name="skipTlsVerification"/> accepts any server certificate.
    /// </summary>
    public SocketsHttpHandler CreateHandler(string? caFile = null, bool skipTlsVerification = false) =>
        CreateHandler(TrustedRoots.Load([caFile]), skipTlsVerification);

    /// <summary>
    /// A new <see cref="SocketsHttpHandler"/> routed through these settings, trusting <paramref name="roots"/> on top of
    /// the system's store (or any certificate with <paramref name="skipTlsVerification"/>). A proxy that answers 407 with
    /// <c>Basic</c>, <c>NTLM</c> or <c>Negotiate</c> gets the configured credentials in that scheme, over plain HTTP and
    /// for <c>CONNECT</c>. On Linux .NET runs NTLM and Negotiate through the system's GSSAPI (libgssapi-krb5): Kerberos
    /// with the user's password, and NTLM only where the gss-ntlmssp mechanism is installed (Debian package
    /// <c>gss-ntlmssp</c>); without it an NTLM-only proxy's 407 stands. The NTLM user is <c>DOMAIN\user</c>, or a bare
    /// <c>user</c> (the NTLM message then names no domain and the server applies its own).
    /// </summary>
    public SocketsHttpHandler CreateHandler(TrustedRoots roots, bool skipTlsVerification = false)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var proxy = CreateWebProxy();
        var handler = new SocketsHttpHandler
        {
            UseProxy = proxy is not null,
            Proxy = proxy,
            // Redirects are followed by CredentialSafeRedirectHandler (CreateClientHandler), never with the same request.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            UseCookies = false,
        };
        if (skipTlsVerification)
        {
#pragma warning disable CA5359 // an explicitly insecure registry, as Docker's insecure-registries
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!roots.IsEmpty)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = roots.Validate;
        }

        return handler;
    }

    /// <summary>
    /// <see cref="CreateHandler(TrustedRoots, bool)"/> behind a <see cref="ProxyAuthenticationFailureHandler"/> (a failed
    /// Negotiate/NTLM exchange surfaces as a 407, never as a crash) and a <see cref="CredentialSafeRedirectHandler"/>
    /// (redirects followed without carrying any credentials to the next host): what a client should send through.
    /// </summary>
    public HttpMessageHandler CreateClientHandler(TrustedRoots roots, bool skipTlsVerification = false) =>
        new CredentialSafeRedirectHandler(this)
        {
            InnerHandler = new ProxyAuthenticationFailureHandler(this) { InnerHandler = CreateHandler(roots, skipTlsVerification) },
        };

    /// <inheritdoc />
    public override string ToString() =>
        $"HttpProxy={HttpProxy?.ToString() ?? "-"} HttpsProxy={HttpsProxy?.ToString() ?? "-"} Credentials={(CredentialsFile is not null ? "file" : HasCredentials ? "***" : "-")} NoProxy={string.Join(',', NoProxy)}";

    private static (Uri Url, NetworkCredential? Credential) ParseProxyUrl(string text, string source)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "socks5" or "socks4" or "socks4a")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"The proxy URL from {source} is not a valid http(s) or socks URL");
        }

        NetworkCredential? credential = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            credential = new NetworkCredential(user, password);
        }

        var clean = new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
        return (clean, credential);
    }

    /// <summary><c>DOMAIN\user</c> split into user and domain (a backslash first or last is kept in the user name).</summary>
    private static NetworkCredential Credential(string user, string password)
    {
        var backslash = user.IndexOf('\\', StringComparison.Ordinal);
        return backslash > 0 && backslash < user.Length - 1
            ? new NetworkCredential(user[(backslash + 1)..], password, user[..backslash])
            : new NetworkCredential(user, password);
    }

    private static bool Same(Uri a, Uri b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
