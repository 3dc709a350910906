using Universe.Cli.Output;

namespace Universe.Cli.Tests.Output;

public sealed class TextCutTests
{
    [Theory]
    [InlineData("short", "short")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void SearchDescription_Under80Characters_IsUnchanged(string? text, string expected)
    {
        Assert.Equal(expected, TextCut.SearchDescription(text));
    }

    [Fact]
    public void SearchDescription_80Characters_CutTo76PlusEllipsis()
    {
        var text = new string('x', 80);

        Assert.Equal(new string('x', 76) + "...", TextCut.SearchDescription(text));
    }

    [Theory]
    [InlineData("first\nsecond", "first...")]
    [InlineData("exactly seventy characters long ......................................", "exactly seventy characters long ......................................")]
    public void ListDescription_Cases_AreCutLikeTheOriginal(string text, string expected)
    {
        Assert.Equal(expected, TextCut.ListDescription(text));
    }

    [Fact]
    public void ListDescription_Over70Characters_CutTo66PlusEllipsis()
    {
        Assert.Equal(new string('y', 66) + "...", TextCut.ListDescription(new string('y', 71)));
    }
}
