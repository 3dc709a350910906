using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Universe.Testing.Registry;

/// <summary>
/// A throwaway certificate authority (an "internal CA" or a TLS-intercepting proxy's CA) and server certificates it
/// issues for 127.0.0.1/localhost. The CA is never added to any store: tests hand its PEM to the code under test.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _ca;

    public TestCertificateAuthority(string name = "Universe Test Internal CA")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Universe tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        CaPem = _ca.ExportCertificatePem();
    }

    /// <summary>The CA certificate in PEM (what <c>--ca-file</c> or <c>CaFile</c> is given).</summary>
    public string CaPem { get; }

    /// <summary>Writes <see cref="CaPem"/> to <paramref name="path"/> and returns the path.</summary>
    public string WriteCaPem(string path)
    {
        File.WriteAllText(path, CaPem);
        return path;
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost signed by this CA, with its private key (usable by Kestrel).</summary>
    public X509Certificate2 IssueLoopbackServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => _ca.Dispose();
}
