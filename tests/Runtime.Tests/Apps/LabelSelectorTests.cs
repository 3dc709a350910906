using Universe.Runtime.Apps;

namespace Universe.Runtime.Tests.Apps;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["my_label"] = "x",
        ["environment"] = "production",
        ["tier"] = "backend",
        ["deployed"] = "us",
        ["with space"] = "a b",
    };

    [Theory]
    [InlineData("my_label", true)]
    [InlineData("missing", false)]
    [InlineData("environment==production", true)]
    [InlineData("environment==staging", false)]
    [InlineData("tier!=frontend", true)]
    [InlineData("missing!=frontend", false)]
    [InlineData("deployed in (us, eu)", true)]
    [InlineData("deployed notin (aa, bb)", true)]
    [InlineData("deployed notin (us)", false)]
    [InlineData(@"with\ space==a\ b", true)]
    [InlineData("my_label, environment==production, tier!=frontend, deployed in (us, eu), deployed notin (aa, bb)", true)]
    public void TryParse_ValidSelector_MatchesAsMarathon(string selector, bool expected)
    {
        Assert.True(LabelSelector.TryParse(selector, out var parsed));

        Assert.Equal(expected, parsed.Matches(Labels));
    }

    [Theory]
    [InlineData("a in (b")]
    [InlineData("==x")]
    [InlineData("a==")]
    [InlineData("a b")]
    public void TryParse_InvalidSelector_ReturnsFalse(string selector)
    {
        var ok = LabelSelector.TryParse(selector, out _);

        Assert.False(ok);
    }
}
