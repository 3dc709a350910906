using Universe.Metrics;

namespace Universe.Runtime.Tests.Metrics;

public sealed class DropwizardStatisticsTests
{
    [Theory]
    [InlineData(0.5, 50.5)]
    [InlineData(0.75, 75.75)]
    [InlineData(0.99, 99.99)]
    [InlineData(0.999, 100)]
    [InlineData(0.001, 1)]
    public void Quantile_OneToHundred_InterpolatesAtQTimesNPlusOne(double q, double expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        var value = DropwizardSnapshotBuilder.Quantile(sorted, q);

        Assert.Equal(expected, value, 6);
    }

    [Fact]
    public void Quantile_NoSamples_IsZero() => Assert.Equal(0, DropwizardSnapshotBuilder.Quantile([], 0.5));

    [Fact]
    public void Rates_SixtyEventsInFirstTick_StartAtTwelvePerSecondAndDecayByWindow()
    {
        var meter = new RateMeter(0, TimeSpan.Zero);

        meter.Mark(0, 60);
        var first = meter.Rates(1);
        var minuteLater = meter.Rates(13);

        Assert.Equal(12, first.M1, 9);
        Assert.Equal(12, first.M5, 9);
        Assert.Equal(12, first.M15, 9);
        Assert.Equal(12 * Math.Exp(-1), minuteLater.M1, 9);
        Assert.Equal(12 * Math.Exp(-1.0 / 5), minuteLater.M5, 9);
        Assert.Equal(12 * Math.Exp(-1.0 / 15), minuteLater.M15, 9);
        Assert.Equal(60, meter.Count);
    }

    [Fact]
    public void Rates_IdleForHours_DropToZero()
    {
        var meter = new RateMeter(0, TimeSpan.Zero);
        meter.Mark(0, 1000);

        var rates = meter.Rates(100_000);

        Assert.Equal((0.0, 0.0, 0.0), rates);
    }
}
