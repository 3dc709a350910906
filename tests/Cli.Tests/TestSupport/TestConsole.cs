using Universe.Cli.Hosting;

namespace Universe.Cli.Tests.TestSupport;

/// <summary>A console of string writers and a scripted standard input.</summary>
internal sealed class TestConsole
{
    public TestConsole(string input = "", bool interactive = false, bool errorTerminal = false)
    {
        Console = new CliConsole(Out, Error, new StringReader(input), interactive, errorTerminal);
    }

    public StringWriter Out { get; } = new() { NewLine = "\n" };

    public StringWriter Error { get; } = new() { NewLine = "\n" };

    public CliConsole Console { get; }

    public string Stdout => Out.ToString();

    public string Stderr => Error.ToString();
}
