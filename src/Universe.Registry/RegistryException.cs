using System.Net;

namespace Universe.Registry;

/// <summary>What went wrong talking to a registry, a proxy or a blob store; callers branch on it (report, retry, fail).</summary>
public enum RegistryErrorKind
{
    /// <summary>The manifest, tag, repository or blob does not exist (404).</summary>
    NotFound,

    /// <summary>The registry wants credentials, or refused the ones given (401).</summary>
    Unauthorized,

    /// <summary>The registry refused access (403).</summary>
    Denied,

    /// <summary>The proxy wants credentials or refused them (407).</summary>
    ProxyAuthenticationRequired,

    /// <summary>Content did not match its digest or declared size; nothing was stored.</summary>
    DigestMismatch,

    /// <summary>A manifest, index or config was malformed or of an unsupported type.</summary>
    InvalidManifest,

    /// <summary>An index has no manifest for the wanted platform.</summary>
    PlatformNotFound,

    /// <summary>Plain HTTP or an untrusted certificate was needed but the registry is not configured as insecure.</summary>
    InsecureRefused,

    /// <summary>The registry answered with an unexpected HTTP status (after retries for 5xx).</summary>
    HttpError,

    /// <summary>The connection failed (refused, reset, DNS, TLS, timeout) after retries.</summary>
    Network,
}

/// <summary>
/// A failure from this library. Messages name the registry, repository and status, never credentials.
/// </summary>
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryErrorKind kind, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    public RegistryException()
        : this(RegistryErrorKind.HttpError, "Registry error")
    {
    }

    public RegistryException(string message)
        : this(RegistryErrorKind.HttpError, message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : this(RegistryErrorKind.HttpError, message, null, innerException)
    {
    }

    /// <summary>The class of failure.</summary>
    public RegistryErrorKind Kind { get; }

    /// <summary>The HTTP status involved, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
