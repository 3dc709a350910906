using Universe.Builder.Mirroring;

namespace Universe.Builder.Tests.Mirroring;

public sealed class LooseVersionTests
{
    [Theory]
    [InlineData("1.9", "1.10", -1)]
    [InlineData("1.9.0", "1.9", 1)]
    [InlineData("1.10", "1.10", 0)]
    [InlineData("2.0", "1.13", 1)]
    [InlineData("999", "2.0", 1)]
    [InlineData("1.13-patch.1", "1.13", 1)]
    [InlineData("1.12", "1.12.1", -1)]
    public void Compare_Pairs_OrderLikePythonLooseVersion(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(LooseVersion.Compare(left, right)));
    }

    [Theory]
    [InlineData(null, "1.8", true)]
    [InlineData("1.10", "1.10", true)]
    [InlineData("1.11", "1.10", false)]
    [InlineData("1.9.0", "1.9", false)]
    public void Fits_MinDcosAgainstCluster_KeepsOnlyWhatRuns(string? min, string dcos, bool fits)
    {
        Assert.Equal(fits, LooseVersion.Fits(min, dcos));
    }
}
