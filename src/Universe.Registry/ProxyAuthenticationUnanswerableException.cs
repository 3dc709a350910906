using System.Net;

namespace Universe.Registry;

/// <summary>
/// A proxy's 407 that this machine cannot answer with the configured credentials, because the proxy asks (or, for a
/// refused <c>CONNECT</c>, whose challenge .NET does not expose, may ask) for NTLM and NTLM is not available here
/// (<see cref="NtlmSupport"/>). <see cref="Hint"/> says what to install; the message never holds credentials.
/// </summary>
public sealed class ProxyAuthenticationUnanswerableException(Uri proxy, bool ntlmOffered, Exception? inner = null)
    : HttpRequestException(
        HttpRequestError.ProxyTunnelError,
        $"The proxy {proxy} refused the request: 407 Proxy Authentication Required ({HintFor(ntlmOffered)})",
        inner,
        HttpStatusCode.ProxyAuthenticationRequired)
{
    /// <summary>What the user should do, for the parenthesis after "407 Proxy Authentication Required".</summary>
    public string Hint { get; } = HintFor(ntlmOffered);

    private static string HintFor(bool ntlmOffered) => ntlmOffered
        ? "the proxy asks for NTLM, which this machine cannot answer: " + NtlmSupport.MissingMechanism
        : "if the proxy asks for NTLM, this machine cannot answer it: " + NtlmSupport.MissingMechanism + "; otherwise check the proxy credentials";
}
