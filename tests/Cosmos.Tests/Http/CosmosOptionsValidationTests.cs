using System.ComponentModel.DataAnnotations;

namespace Universe.Cosmos.Tests.Http;

public sealed class CosmosOptionsValidationTests
{
    [Fact]
    public void Validate_InvalidBlockedNetwork_NamesTheKey()
    {
        var options = new CosmosOptions();
        options.Fetch.BlockedNetworks.Add("10.0.0.0/33");

        var results = Validate(options);

        Assert.Equal("Cosmos:Fetch:BlockedNetworks: '10.0.0.0/33' is not a CIDR network.", Assert.Single(results).ErrorMessage);
    }

    [Fact]
    public void Validate_MissingTrustedCertificatesFile_NamesTheKey()
    {
        var options = new CosmosOptions { Fetch = { TrustedCertificatesFile = "/nonexistent/ca.pem" } };

        var results = Validate(options);

        Assert.Equal("Cosmos:Fetch:TrustedCertificatesFile: '/nonexistent/ca.pem' does not exist.", Assert.Single(results).ErrorMessage);
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(Validate(new CosmosOptions()));
    }

    private static List<ValidationResult> Validate(CosmosOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
