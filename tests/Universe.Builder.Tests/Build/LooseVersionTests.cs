using Universe.Builder.Build;

namespace Universe.Builder.Tests.Build;

public sealed class LooseVersionTests
{
    [Theory]
    [InlineData("1.9", "1.9.0", -1)]
    [InlineData("1.9.0", "1.9", 1)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("1.8", "1.8", 0)]
    [InlineData("0.0", "1.8", -1)]
    [InlineData("999", "2.0", 1)]
    [InlineData("1.14", "2.0", -1)]
    [InlineData("2.1", "2.0", 1)]
    [InlineData("1.10a", "1.10", 1)]
    [InlineData("1.10a", "1.10b", -1)]
    [InlineData("1.10", "1.10a", -1)]
    [InlineData("1.10-RC", "1.10", 1)]
    public void CompareTo_LikePythonLooseVersion(string left, string right, int expected)
    {
        var result = LooseVersion.Parse(left).CompareTo(LooseVersion.Parse(right));

        Assert.Equal(expected, Math.Sign(result));
    }

    [Fact]
    public void Operators_AgreeWithCompareTo()
    {
        var old = LooseVersion.Parse("1.9");
        var newer = LooseVersion.Parse("1.10");

        Assert.True(old < newer && newer > old && old <= newer && newer >= old && old != newer);
        Assert.True(LooseVersion.Parse("1.10") == newer);
    }
}
