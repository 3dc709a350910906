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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        BlockedNetworks
            .Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => new ValidationResult($"Cosmos:Fetch:BlockedNetworks: '{n}' is not a CIDR network.", [nameof(BlockedNetworks)]));
}
