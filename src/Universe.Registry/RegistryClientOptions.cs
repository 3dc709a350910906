namespace Universe.Registry;

/// <summary>Options of a <see cref="RegistryClient"/>.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>Per-host mirrors, credentials, CA files and insecure flags.</summary>
    public RegistrySettings Registries { get; init; } = new();

    /// <summary>The outbound proxy (none by default; use <see cref="ProxySettings.FromEnvironment"/> to honour HTTPS_PROXY etc.).</summary>
    public ProxySettings Proxy { get; init; } = ProxySettings.None;

    /// <summary>
    /// Extra CAs trusted for every registry and token service (e.g. <c>universe mirror --ca-file</c>, for an internal CA
    /// or a TLS-intercepting proxy), on top of the system's store and of each host's <see cref="RegistryHostSettings.CaFile"/>.
    /// </summary>
    public TrustedRoots TrustedRoots { get; init; } = TrustedRoots.None;

    /// <summary>The platform indexes are resolved to (linux/amd64 by default; the Runtime passes <see cref="Platform.Host"/>).</summary>
    public Platform Platform { get; init; } = Platform.LinuxAmd64;

    /// <summary>Retries, back-off and stall detection.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>The User-Agent sent with every request.</summary>
    public string UserAgent { get; init; } = "universe-registry/1.0";

    /// <summary>The clock for token expiry (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long to wait for response headers before retrying.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);
}
