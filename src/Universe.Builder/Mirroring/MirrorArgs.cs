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
/// Network options: <c>--proxy URL</c> (else <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c>), the password from
/// <c>--proxy-credentials-file</c> (one line <c>user:password</c>, read at every run) or <c>UNIVERSE_PROXY_PASSWORD</c>,
/// and <c>--ca-file</c> PEM files of extra CAs trusted for every https connection (repository JSON, git, assets,
/// registries), e.g. an internal CA or the CA of a TLS-intercepting proxy.
/// </summary>
public sealed record MirrorProxyArgs(string? Proxy, string? CredentialsFile, IReadOnlyList<string>? CaFiles = null);
