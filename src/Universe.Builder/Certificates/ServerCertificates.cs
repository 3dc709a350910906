using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Universe.Builder.Certificates;

/// <summary>
/// TLS material for <c>universe serve</c>: a given certificate and key (PEM), or a generated private CA (10 years)
/// and a server certificate it signs (397 days, the longest browsers accept) for the public host, <c>localhost</c>
/// and the loopback addresses. Generated files live in one directory (<c>ca.crt</c>, <c>ca.key</c>,
/// <c>server.crt</c>, <c>server.key</c>, keys mode 600); <see cref="Renew"/> reissues the server certificate from the
/// same CA (clusters that trust the CA need nothing new) and the CA too when it is itself near its end.
/// </summary>
public static class ServerCertificates
{
    public const string CaFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string ServerFile = "server.crt";
    public const string ServerKeyFile = "server.key";

    /// <summary>How long before expiry a warning is printed (and renewal becomes due).</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(30);

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);

    /// <summary>Loads the generated certificate in <paramref name="directory"/>, creating the CA and server certificate when absent.</summary>
    public static X509Certificate2 LoadOrCreate(string directory, IEnumerable<string> names, TimeProvider time) =>
        LoadOrCreate(directory, names, time, out _);

    /// <summary>
    /// Loads the generated certificate in <paramref name="directory"/>, creating the CA and server certificate when
    /// absent, and reissuing the server certificate from the same CA when one of <paramref name="names"/> is not among
    /// its subject alternative names (a new <c>--public-url</c> host); <paramref name="added"/> lists those names.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string directory, IEnumerable<string> names, TimeProvider time, out IReadOnlyList<string> added)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        var serverPath = Path.Combine(directory, ServerFile);
        var keyPath = Path.Combine(directory, ServerKeyFile);
        added = [];
        if (!File.Exists(serverPath) || !File.Exists(keyPath))
        {
            Renew(directory, names, time);
        }
        else
        {
            using var current = X509CertificateLoader.LoadCertificateFromFile(serverPath);
            var covered = SubjectAlternativeNames(current).ToArray();
            added = [.. names.Where(n => !Covers(covered, n)).Distinct(StringComparer.OrdinalIgnoreCase)];
            if (added.Count > 0)
            {
                Renew(directory, added, time);
            }
        }

        return Load(serverPath, keyPath);
    }

    /// <summary>A certificate and key from PEM files (the certificate file may carry the chain after the leaf).</summary>
    public static X509Certificate2 Load(string certificateFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Issues a new server certificate (names: <paramref name="names"/> plus those of the current one), and a new CA when
    /// there is none or it expires within <see cref="WarnBefore"/>. Returns the new server certificate's expiry.
    /// </summary>
    public static DateTimeOffset Renew(string directory, IEnumerable<string> names, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        var caPath = Path.Combine(directory, CaFile);
        var caKeyPath = Path.Combine(directory, CaKeyFile);
        X509Certificate2 ca;
        if (File.Exists(caPath) && File.Exists(caKeyPath) && X509CertificateLoader.LoadCertificateFromFile(caPath) is { } existing
            && existing.NotAfter.ToUniversalTime() - now.UtcDateTime > WarnBefore)
        {
            existing.Dispose();
            ca = X509Certificate2.CreateFromPemFile(caPath, caKeyPath);
        }
        else
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Universe bundle CA", caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            ca = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(CaLifetime));
            Write(caPath, ca.ExportCertificatePem(), secret: false);
            Write(caKeyPath, caKey.ExportPkcs8PrivateKeyPem(), secret: true);
        }

        using (ca)
        {
            var all = new SortedSet<string>(names, StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1" };
            var serverPath = Path.Combine(directory, ServerFile);
            if (File.Exists(serverPath))
            {
                using var old = X509CertificateLoader.LoadCertificateFromFile(serverPath);
                all.UnionWith(SubjectAlternativeNames(old));
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={all.FirstOrDefault(n => !IPAddress.TryParse(n, out _) && n != "localhost") ?? "localhost"}", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in all)
            {
                if (IPAddress.TryParse(name, out var ip))
                {
                    san.AddIpAddress(ip);
                }
                else
                {
                    san.AddDnsName(name);
                }
            }

            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            var notAfter = now.Add(ServerLifetime) < ca.NotAfter.ToUniversalTime() ? now.Add(ServerLifetime) : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
            using var server = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
            Write(serverPath, server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem(), secret: false);
            Write(Path.Combine(directory, ServerKeyFile), key.ExportPkcs8PrivateKeyPem(), secret: true);
            return notAfter;
        }
    }

    /// <summary>The expiry line printed at start, with a warning within <see cref="WarnBefore"/> of the end.</summary>
    public static string Describe(X509Certificate2 certificate, TimeProvider time, string renewCommand)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(time);
        var expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var left = expires - time.GetUtcNow();
        var line = $"TLS certificate {certificate.Subject} expires {expires:yyyy-MM-dd HH:mm} UTC ({Math.Floor(left.TotalDays)} days)";
        return left <= TimeSpan.Zero
            ? $"WARNING: {line}: EXPIRED; renew with `{renewCommand}`"
            : left <= WarnBefore ? $"WARNING: {line}: renew with `{renewCommand}`" : line;
    }

    private static bool Covers(IEnumerable<string> sans, string name) =>
        IPAddress.TryParse(name, out var ip)
            ? sans.Any(s => IPAddress.TryParse(s, out var other) && other.Equals(ip))
            : sans.Any(s => string.Equals(s, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            foreach (var name in extension.EnumerateDnsNames())
            {
                yield return name;
            }

            foreach (var ip in extension.EnumerateIPAddresses())
            {
                yield return ip.ToString();
            }
        }
    }

    private static void Write(string path, string pem, bool secret)
    {
        Universe.IO.AtomicFile.Write(
            path,
            stream => stream.Write(System.Text.Encoding.ASCII.GetBytes(pem)),
            secret && !OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : null);
    }
}
