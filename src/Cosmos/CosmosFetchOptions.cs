using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Universe.Cosmos;

/// <summary>Configuration section <c>Cosmos:Fetch</c>: what Cosmos may connect to when it fetches package data.</summary>
public sealed class CosmosFetchOptions : IValidatableObject
{
    /// <summary>
    /// <c>Cosmos:Fetch:BlockedNetworks</c>: extra CIDR networks (e.g. <c>10.0.0.0/8</c>) that repository and resource
    /// fetches never connect to, on top of link-local, unspecified and multicast addresses, which are always refused.
    /// </summary>
    public IList<string> BlockedNetworks { get; } = [];

    /// <summary>
    /// <c>Cosmos:Fetch:TrustedCertificatesFile</c>: a PEM file of extra CAs (or self-signed server certificates) trusted
    /// for HTTPS repositories, <c>git+https</c> remotes and resources, on top of the system's trust store.
    /// </summary>
    public string? TrustedCertificatesFile { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        BlockedNetworks
            .Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => new ValidationResult($"Cosmos:Fetch:BlockedNetworks: '{n}' is not a CIDR network.", [nameof(BlockedNetworks)]))
            .Concat(TrustedCertificatesFile is { Length: > 0 } file ? ValidateTrustedCertificates(file) : []);

    private static IEnumerable<ValidationResult> ValidateTrustedCertificates(string file)
    {
        if (!File.Exists(file))
        {
            return [new ValidationResult($"Cosmos:Fetch:TrustedCertificatesFile: '{file}' does not exist.", [nameof(TrustedCertificatesFile)])];
        }

        try
        {
            Universe.Registry.TrustedRoots.Load([file]);
            return [];
        }
        catch (Universe.Registry.RegistryException e)
        {
            return [new ValidationResult($"Cosmos:Fetch:TrustedCertificatesFile: {e.Message}.", [nameof(TrustedCertificatesFile)])];
        }
    }
}
