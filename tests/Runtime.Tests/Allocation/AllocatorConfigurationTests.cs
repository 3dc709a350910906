using Microsoft.Extensions.Configuration;
using Universe.Runtime.Allocation;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Tests.Allocation;

public sealed class AllocatorConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void ReadRoles_WeightGuaranteeAndLimit_BecomeRoleSettings()
    {
        var config = Config(
            ("Runtime:Roles:eng:Weight", "2.5"),
            ("Runtime:Roles:eng:Guarantee", "cpus:4;mem:8192"),
            ("Runtime:Roles:eng:Limit", "cpus:8"),
            ("Runtime:Roles:eng/web:Weight", "3"));

        var roles = AllocatorConfiguration.ReadRoles(config);

        Assert.Equal(2.5, roles["eng"].Weight);
        Assert.Equal(new ResourceQuantities(4, 8192), roles["eng"].Guarantee);
        Assert.Equal(8, roles["eng"].Limit!.Value.Cpus);
        Assert.True(double.IsPositiveInfinity(roles["eng"].Limit!.Value.MemMb));
        Assert.Equal(3, roles["eng/web"].Weight);
    }

    [Theory]
    [InlineData("Runtime:Roles:eng:Weight", "0")]
    [InlineData("Runtime:Roles:eng:Weight", "heavy")]
    [InlineData("Runtime:Roles:eng:Guarantee", "cpus:x")]
    [InlineData("Runtime:Roles:eng:Limit", "cpus:-1")]
    [InlineData("Runtime:Roles:-bad:Weight", "1")]
    public void ReadRoles_InvalidValue_ThrowsNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<FormatException>(() => AllocatorConfiguration.ReadRoles(Config((key, value))));

        Assert.StartsWith(key[..key.LastIndexOf(':')], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOptions_NothingConfigured_UsesMesosDefaults()
    {
        var options = AllocatorConfiguration.ReadOptions(Config());

        Assert.Equal([new ResourceQuantities(0.01, 0), new ResourceQuantities(0, 32)], options.MinAllocatable);
        Assert.Empty(options.FairnessExcludedResources);
        Assert.False(options.DeclineScarceResources);
    }

    [Fact]
    public void ReadOptions_Configured_OverridesDefaults()
    {
        var config = Config(
            ("Runtime:Allocation:MinAllocatableResources", "cpus:1;mem:64|disk:10"),
            ("Runtime:Allocation:FairnessExcludedResources", "gpus"),
            ("Runtime:Allocation:DeclineScarceResources", "true"));

        var options = AllocatorConfiguration.ReadOptions(config);

        Assert.Equal([new ResourceQuantities(1, 64), new ResourceQuantities(0, 0, 10)], options.MinAllocatable);
        Assert.Equal(["gpus"], options.FairnessExcludedResources);
        Assert.True(options.DeclineScarceResources);
    }

    [Fact]
    public void ParseResources_Invalid_NamesTheKey()
    {
        var error = Assert.Throws<FormatException>(() => AllocatorConfiguration.ParseResources("Runtime:LocalAgent:Resources", "cpus:"));

        Assert.StartsWith("Runtime:LocalAgent:Resources: ", error.Message, StringComparison.Ordinal);
    }
}
