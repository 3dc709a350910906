namespace Universe.Builder.Bundles;

/// <summary>Why one artifact (a URL or an image) could not be mirrored.</summary>
public enum FailureCause
{
    /// <summary>The server answered with an error status.</summary>
    HttpStatus,

    /// <summary>The proxy refused: 407, or a refused CONNECT.</summary>
    ProxyRefused,

    /// <summary>The content does not hash to the declared or announced digest (never stored).</summary>
    DigestMismatch,

    /// <summary>No byte arrived within the timeout.</summary>
    Timeout,

    /// <summary>Connection refused or reset, name not resolved, TLS failure, cut-off body (after every retry).</summary>
    Network,

    /// <summary>The reference is not a valid http(s) URL or image reference.</summary>
    InvalidReference,

    /// <summary>The registry answered with an error (manifest unknown, no linux/amd64 image, unauthorized…).</summary>
    Registry,

    /// <summary>Not tried: the run stopped at the first failure (<c>--fail-fast</c>).</summary>
    NotAttempted,

    /// <summary>The server's answer could not be understood (e.g. a manifest with a malformed field).</summary>
    InvalidResponse,
}

/// <summary>A failed artifact: which (URL or image), why, and the detail (status, digests, proxy answer; never credentials).</summary>
public sealed record ArtifactFailure(string Artifact, FailureCause Cause, string Detail)
{
    public override string ToString() => $"{Artifact}: {Cause}: {Detail}";
}
