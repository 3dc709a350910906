using Universe.Runtime.Allocation;

namespace Universe.Runtime.Tests.Allocation;

public sealed class OfferFilterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(null, 5.0)]
    [InlineData(-3.0, 5.0)]
    [InlineData(double.NaN, 5.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(120.0, 120.0)]
    [InlineData(1e12, 365 * 86400.0)]
    public void EffectiveTimeout_RefuseSeconds_FollowsMesosClamping(double? refuseSeconds, double expectedSeconds)
    {
        var timeout = OfferFilter.EffectiveTimeout(refuseSeconds, Interval);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), timeout);
    }

    [Fact]
    public void EffectiveTimeout_Zero_MeansNoFilter()
    {
        Assert.Null(OfferFilter.EffectiveTimeout(0, Interval));
    }
}
