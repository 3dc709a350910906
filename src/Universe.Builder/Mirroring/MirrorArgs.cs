using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>The parsed <c>universe mirror</c> command line.</summary>
public sealed record MirrorArgs(
    string Source,
    string? Out,
    MirrorSelection Selection,
    bool DryRun,
    bool Json,
    bool NoHead,
    int Jobs,
    bool FailFast,
    MirrorProxyArgs Proxy,
    RetryPolicy Transfer,
    string? RegistryConfig = null);

/// <summary>
/// Proxy options: <c>--proxy URL</c> (else <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c>), and the password from
/// <c>--proxy-credentials-file</c> (one line <c>user:password</c>, read at every run) or <c>UNIVERSE_PROXY_PASSWORD</c>.
/// </summary>
public sealed record MirrorProxyArgs(string? Proxy, string? CredentialsFile);
