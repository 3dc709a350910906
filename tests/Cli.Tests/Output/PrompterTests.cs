using Universe.Cli.Hosting;
using Universe.Cli.Output;
using Universe.Cli.Tests.TestSupport;

namespace Universe.Cli.Tests.Output;

public sealed class PrompterTests
{
    [Fact]
    public void Confirm_NoTerminalWithoutYes_FailsAndSaysToPassYes()
    {
        var console = new TestConsole(input: "yes\n", interactive: false);

        var error = Assert.Throws<CliException>(() => new Prompter(console.Console).Confirm("Continue installing?", assumeYes: false));

        Assert.Contains("--yes", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, console.Stdout);
    }

    [Fact]
    public void Confirm_NoTerminalWithYes_IsConfirmedWithoutPrompt()
    {
        var console = new TestConsole(interactive: false);

        var confirmed = new Prompter(console.Console).Confirm("Continue installing?", assumeYes: true);

        Assert.True(confirmed);
        Assert.Equal(string.Empty, console.Stdout);
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("", false)]
    [InlineData("no\n", false)]
    [InlineData("N\n", false)]
    [InlineData("yes\n", true)]
    [InlineData("Y\n", true)]
    [InlineData("maybe\nyes\n", true)]
    [InlineData("a\nb\nc\nyes\n", false)]
    public void Confirm_Answer_MapsToDecision(string input, bool expected)
    {
        var console = new TestConsole(input, interactive: true);

        var confirmed = new Prompter(console.Console).Confirm("Continue installing?", assumeYes: false);

        Assert.Equal(expected, confirmed);
        Assert.StartsWith("Continue installing? [yes/no] ", console.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmTyped_WholeLineWithSpaces_IsAccepted()
    {
        var console = new TestConsole("uninstall all hello\n", interactive: true);

        var confirmed = new Prompter(console.Console).ConfirmTyped("Please type 'uninstall all hello': ", "uninstall all hello", assumeYes: false);

        Assert.True(confirmed);
    }

    [Fact]
    public void ConfirmTyped_EmptyAnswer_MeansNo()
    {
        var console = new TestConsole("\nhello\n", interactive: true);

        var confirmed = new Prompter(console.Console).ConfirmTyped("Please type the name of the service to confirm: ", "hello", assumeYes: false);

        Assert.False(confirmed);
    }

    [Fact]
    public void ConfirmTyped_WrongAnswers_ExplainAndGiveUpAfterThree()
    {
        var console = new TestConsole("a\nb\nc\nhello\n", interactive: true);

        var confirmed = new Prompter(console.Console).ConfirmTyped("Type: ", "hello", assumeYes: false);

        Assert.False(confirmed);
        Assert.Equal("Expected 'hello'. You supplied 'a'.\nExpected 'hello'. You supplied 'b'.\nExpected 'hello'. You supplied 'c'.\n", console.Stderr);
    }
}
