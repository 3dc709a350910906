using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Universe.Cosmos.Http;

/// <summary>
/// Extra certificate authorities (or self-signed server certificates) trusted for HTTPS fetches of package data, from
/// the PEM file of <c>Cosmos:Fetch:TrustedCertificatesFile</c>: what an air-gapped cluster with an internal CA needs.
/// The system's trust store keeps working; the host name must always match.
/// </summary>
public sealed class TrustedCertificates
{
    private readonly X509Certificate2Collection _roots;

    public TrustedCertificates(string? pemFile)
    {
        _roots = [];
        if (!string.IsNullOrEmpty(pemFile))
        {
            _roots.ImportFromPemFile(pemFile);
        }
    }

    /// <summary>Whether extra certificates are configured at all.</summary>
    public bool Any => _roots.Count > 0;

    /// <summary>For <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0
            || certificate is null)
        {
            return false;
        }

        if (certificate is X509Certificate2 presented)
        {
            return ChainsToConfiguredRoot(presented, chain);
        }

        using var loaded = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return ChainsToConfiguredRoot(loaded, chain);
    }

    /// <summary>For libgit2's certificate check: the system's verdict, else our roots with a host-name match.</summary>
    public bool ValidateGit(X509Certificate2 certificate, bool validForSystem, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return validForSystem || (certificate.MatchesHostname(host) && ChainsToConfiguredRoot(certificate, null));
    }

    private bool ChainsToConfiguredRoot(X509Certificate2 certificate, X509Chain? presented)
    {
        if (_roots.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }
}
