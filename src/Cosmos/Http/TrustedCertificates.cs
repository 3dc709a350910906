using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Universe.Registry;

namespace Universe.Cosmos.Http;

/// <summary>
/// Extra certificate authorities (or self-signed server certificates) trusted for HTTPS fetches of package data, from
/// the PEM file of <c>Cosmos:Fetch:TrustedCertificatesFile</c>: what an air-gapped cluster with an internal CA needs.
/// The system's trust store keeps working; the host name must always match. The checks are the shared
/// <see cref="TrustedRoots"/> (the mirror's <c>--ca-file</c> uses the same).
/// </summary>
public sealed class TrustedCertificates
{
    private readonly TrustedRoots _roots;

    public TrustedCertificates(string? pemFile) => _roots = string.IsNullOrEmpty(pemFile) ? TrustedRoots.None : TrustedRoots.Load([pemFile]);

    /// <summary>Whether extra certificates are configured at all.</summary>
    public bool Any => !_roots.IsEmpty;

    /// <summary>For <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        _roots.Validate(sender, certificate, chain, errors);

    /// <summary>For libgit2's certificate check: the system's verdict, else our roots with a host-name match.</summary>
    public bool ValidateGit(X509Certificate2 certificate, bool validForSystem, string host) =>
        _roots.ValidateForHost(certificate, validForSystem, host);
}
