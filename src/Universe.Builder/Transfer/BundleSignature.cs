using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Universe.Builder.Transfer;

/// <summary>
/// ECDSA signatures of a bundle manifest (which names every blob by digest, so verifying the manifest's signature and
/// every blob's digest verifies the whole export). Keys are PEM: a private key (PKCS#8 or SEC1) to sign, a public key
/// or a certificate to verify. The signature file is one line: <c>ecdsa-sha256 &lt;base64 DER signature&gt;</c>.
/// </summary>
public static class BundleSignature
{
    public const string FileName = "bundle.json.sig";
    private const string Scheme = "ecdsa-sha256";

    public static byte[] Sign(ReadOnlySpan<byte> manifest, string privateKeyPem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        var signature = key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Encoding.ASCII.GetBytes($"{Scheme} {Convert.ToBase64String(signature)}\n");
    }

    public static bool Verify(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signatureFile, string publicKeyPem)
    {
        var text = Encoding.ASCII.GetString(signatureFile).Trim();
        var parts = text.Split(' ', 2);
        if (parts.Length != 2 || parts[0] != Scheme)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return false;
        }

        using var key = LoadPublic(publicKeyPem);
        return key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static ECDsa LoadPublic(string pem)
    {
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetECDsaPublicKey() ?? throw new CryptographicException("the certificate has no ECDSA key");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }
}
