using System.Net;
using System.Net.Security;

namespace Universe.Registry;

/// <summary>
/// Whether this process can answer an NTLM challenge. On Linux .NET does NTLM through the system's GSSAPI, which has an
/// NTLMSSP mechanism only where gss-ntlmssp is installed; without it .NET leaves a proxy's NTLM 407 unanswered, and a
/// user would otherwise be told to check credentials that are right.
/// </summary>
public static class NtlmSupport
{
    private static readonly Lazy<bool> Available = new(Probe);

    /// <summary>The hint for a user whose proxy asks for NTLM on a machine without the mechanism.</summary>
    public const string MissingMechanism =
        ".NET on Linux does NTLM through GSSAPI, and its NTLMSSP mechanism is not installed (Debian/Ubuntu package gss-ntlmssp, RHEL/Fedora gssntlmssp)";

    /// <summary>True when an NTLM exchange can start here (probed once per process, with no network traffic).</summary>
    public static bool IsAvailable => Available.Value;

    private static bool Probe()
    {
        using var ntlm = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = "NTLM",
            Credential = new NetworkCredential("probe", "probe", "PROBE"),
            TargetName = "HTTP/proxy.invalid",
        });
        ntlm.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out var status);
        return status != NegotiateAuthenticationStatusCode.Unsupported;
    }
}
