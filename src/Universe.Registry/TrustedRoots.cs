using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Universe.Registry;

/// <summary>
/// Extra certificate authorities (or pinned self-signed server certificates) trusted on top of the system's store, from
/// PEM files: an internal CA, or the CA of a TLS-intercepting corporate proxy. A server certificate is accepted when the
/// system trusts it, or when it chains to one of these roots (the chain the server presented supplies intermediates);
/// the host name must match in both cases. The system store itself follows OpenSSL's <c>SSL_CERT_FILE</c> and
/// <c>SSL_CERT_DIR</c>, which .NET honours on Linux (they replace the default store rather than add to it).
/// </summary>
public sealed class TrustedRoots
{
    private static readonly ConcurrentDictionary<string, (DateTime Modified, X509Certificate2Collection Certificates)> Cache = new(StringComparer.Ordinal);

    private readonly X509Certificate2Collection _roots;

    private TrustedRoots(X509Certificate2Collection roots, IReadOnlyList<string> files)
    {
        _roots = roots;
        Files = files;
    }

    /// <summary>No extra roots: only the system's store.</summary>
    public static TrustedRoots None { get; } = new([], []);

    /// <summary>The PEM files the roots came from.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>True when no extra root is configured.</summary>
    public bool IsEmpty => _roots.Count == 0;

    /// <summary>
    /// Loads every PEM file (null and empty entries are ignored). Throws <see cref="RegistryException"/>
    /// (<see cref="RegistryErrorKind.InsecureRefused"/>) naming a file that cannot be read or holds no certificate.
    /// </summary>
    public static TrustedRoots Load(IEnumerable<string?>? pemFiles)
    {
        var files = (pemFiles ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Path.GetFullPath(f!)).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return None;
        }

        var roots = new X509Certificate2Collection();
        foreach (var file in files)
        {
            roots.AddRange(LoadFile(file));
        }

        return new TrustedRoots(roots, files);
    }

    /// <summary>These roots and <paramref name="other"/>'s together.</summary>
    public TrustedRoots With(TrustedRoots other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var roots = new X509Certificate2Collection(_roots);
        roots.AddRange(other._roots);
        return new TrustedRoots(roots, [.. Files.Concat(other.Files).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>For <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A name mismatch or a missing certificate is never forgiven; only an unknown issuer is.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || IsEmpty)
        {
            return false;
        }

        if (certificate is X509Certificate2 presented)
        {
            return ChainsToRoot(presented, chain);
        }

        using var loaded = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return ChainsToRoot(loaded, chain);
    }

    /// <summary>
    /// For libgit2's certificate check: the system's verdict (<paramref name="validForSystem"/>), else one of these roots
    /// with a host-name match.
    /// </summary>
    public bool ValidateForHost(X509Certificate2 certificate, bool validForSystem, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return validForSystem || (!IsEmpty && certificate.MatchesHostname(host) && ChainsToRoot(certificate, null));
    }

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? "system" : "system+" + string.Join(',', Files);

    private bool ChainsToRoot(X509Certificate2 certificate, X509Chain? presented)
    {
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

    private static X509Certificate2Collection LoadFile(string file)
    {
        DateTime modified;
        try
        {
            modified = File.GetLastWriteTimeUtc(file);
            if (!File.Exists(file))
            {
                throw new FileNotFoundException("not found", file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException(RegistryErrorKind.InsecureRefused, $"Cannot read the CA file [{file}]: {e.GetType().Name}");
        }

        if (Cache.TryGetValue(file, out var cached) && cached.Modified == modified)
        {
            return cached.Certificates;
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new RegistryException(RegistryErrorKind.InsecureRefused, $"Cannot read the CA file [{file}]: {e.Message}");
        }

        if (collection.Count == 0)
        {
            throw new RegistryException(RegistryErrorKind.InsecureRefused, $"The CA file [{file}] holds no PEM certificate");
        }

        Cache[file] = (modified, collection);
        return collection;
    }
}
